import type { Metadata } from "next";
import { DateTime } from "@/components/people/date-time";
import { Pagination } from "@/components/ui/pagination";
import { refusalMessage } from "@/components/people/refusal";
import { Refusal } from "@/components/ui/refusal";
import { cellClass, headRowClass, linkClass, tableClass } from "@/components/people/styles";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { listOutbox } from "@/lib/people/list-outbox";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Outbox" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const centreId = actor.active?.centreId;
  if (!centreId || !can(actor, "outbox.read", { kind: "centre", centreId })) {
    return <Refusal title="Outbox" message={refusalMessage(actor, "the outbox")} linkClassName={linkClass} />;
  }
  const params = await searchParams;
  const page = Array.isArray(params.page) ? params.page[0] : params.page;
  const outbox = await listOutbox(db, actor, { page });
  const tz = outbox.centre.timeZone;

  return (
    <div className="space-y-6">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-3xl font-bold">Outbox</h1>
        <p className="text-slate-700">
          Messages the app has written to people at {outbox.centre.name}, newest first. When the server has no mail server configured, nothing is sent by
          email: copy invitation links from here and send them yourself.
        </p>
      </div>
      {outbox.messages.length === 0 ? (
        <p>No messages yet. Adding a person writes their invitation here.</p>
      ) : (
        <div role="region" aria-labelledby="outbox-caption" tabIndex={0} className="overflow-x-auto">
          <table className={tableClass}>
            <caption id="outbox-caption" className="sr-only">
              Outbox messages, page {outbox.page} of {outbox.pageCount}, {outbox.total} in all
            </caption>
            <thead>
              <tr className={headRowClass}>
                <th scope="col" className={cellClass}>Written</th>
                <th scope="col" className={cellClass}>To</th>
                <th scope="col" className={cellClass}>Message</th>
                <th scope="col" className={cellClass}>Email delivery</th>
              </tr>
            </thead>
            <tbody>
              {outbox.messages.map((message) => (
                <tr key={message.id} className="border-b border-slate-200">
                  <th scope="row" className={`${cellClass} font-normal whitespace-nowrap`}>
                    <DateTime iso={message.createdAt} timeZone={tz} />
                  </th>
                  <td className={`${cellClass} break-all`}>{message.to}</td>
                  <td className={cellClass}>
                    <details>
                      <summary className="cursor-pointer font-medium">{message.subject}</summary>
                      <pre className="mt-2 font-sans text-sm break-all whitespace-pre-wrap">{message.body}</pre>
                    </details>
                  </td>
                  <td className={`${cellClass} whitespace-nowrap`}>
                    {message.sentAt ? (
                      <>
                        Sent <DateTime iso={message.sentAt} timeZone={tz} />
                      </>
                    ) : (
                      "Not sent by email"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={outbox.page} pageCount={outbox.pageCount} label="Outbox pages" linkClassName={linkClass} href={(n) => (n > 1 ? `/admin/outbox?page=${n}` : "/admin/outbox")} />
    </div>
  );
}
