import type { Metadata } from "next";
import Link from "next/link";
import { DoneBanner, firstParam, pageNumber, Time } from "@/components/assessment/page-parts";
import { Pagination } from "@/components/ui/pagination";
import { linkClass, secondaryButtonClass } from "@/components/ui/styles";
import { markAllNotificationsReadAction, markNotificationReadAction } from "@/lib/actions/assessment-notifications";
import { listNotifications } from "@/lib/assessment/notifications";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { timeZoneOf } from "@/lib/format/time-zone";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

/** Links stored on notifications are the app's own paths; anything else is not shown as a link. */
function safeLink(link: string | null): string | null {
  return link && link.startsWith("/") && !link.startsWith("//") ? link : null;
}

// long-function: the notifications page read top to bottom: the unread count, the done banner, Mark all as read, the list with each item's link, date and mark-read form, and the pager; just over 80 lines of markup used once
export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const params = await searchParams;
  const list = await listNotifications(db, actor, { page: pageNumber(params.page) });
  // Shown in the time zone of the centre the person is acting in.
  const centreId = actor.active?.centreId;
  const centre = centreId ? await db.centre.findUnique({ where: { id: centreId }, select: { timeZone: true } }) : null;
  const timeZone = timeZoneOf(centre);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Notifications</h1>
        <p className="text-slate-700">
          {list.unread === 0
            ? "You have no unread notifications."
            : `You have ${list.unread} unread ${list.unread === 1 ? "notification" : "notifications"}.`}
        </p>
      </div>
      <DoneBanner
        message={firstParam(params.done) === "allRead" ? "All your notifications are marked as read." : null}
      />
      {list.unread > 0 ? (
        <form action={markAllNotificationsReadAction}>
          <button type="submit" className={secondaryButtonClass}>
            Mark all as read
          </button>
        </form>
      ) : null}
      {list.total === 0 ? (
        <p className="rounded border border-slate-300 bg-white p-4">
          Nothing yet. You will be told here when something needs you or changes in your work.
        </p>
      ) : (
        <ol className="space-y-3">
          {list.items.map((n) => {
            const href = safeLink(n.link);
            return (
              <li
                key={n.id}
                className={`space-y-1 rounded border p-4 ${n.readAt ? "border-slate-200 bg-white" : "border-brand-700 border-l-4 bg-blue-50"}`}
              >
                <h2 className="font-semibold">
                  {n.readAt ? null : <span className="sr-only">Unread: </span>}
                  {href ? (
                    <Link href={href} className={linkClass}>
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </h2>
                <p>{n.body}</p>
                <p className="text-sm text-slate-700">
                  <Time date={n.createdAt}>{formatDateTime(n.createdAt, timeZone)}</Time>
                  {n.readAt ? " · read" : " · unread"}
                </p>
                {n.readAt ? null : (
                  <form action={markNotificationReadAction}>
                    <input type="hidden" name="notificationId" value={n.id} />
                    <button type="submit" className={`${secondaryButtonClass} text-sm`}>
                      Mark as read<span className="sr-only">: {n.title}</span>
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        href={(page) => (page > 1 ? `/notifications?page=${page}` : "/notifications")}
        label="Notification pages"
        linkClassName={linkClass}
      />
    </div>
  );
}
