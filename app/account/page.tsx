import type { Metadata } from "next";
import { NotificationEmailForm } from "@/components/account/notification-email-form";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { roleLabels } from "@/lib/authz/labels";
import { Section } from "@/components/ui/section";
import { ColumnHeadings } from "@/components/ui/data-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const actor = await requireActor();
  const { notificationEmail } = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { notificationEmail: true },
  });
  // Only the person's own details, loaded fresh for this request by requireActor.
  const centres = new Map<string, { name: string; roles: string[] }>();
  for (const r of actor.roles) {
    const entry = centres.get(r.centreId) ?? { name: r.centreName, roles: [] };
    entry.roles.push(roleLabels[r.role]);
    centres.set(r.centreId, entry);
  }
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold">Your account</h1>
      <Section
        id="details-heading"
        title="Your details"
        className="space-y-3 rounded border border-slate-200 bg-white p-4"
      >
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Name</dt>
          <dd>{actor.name}</dd>
          <dt className="font-medium">Email</dt>
          <dd>{actor.email}</dd>
          {actor.active ? (
            <>
              <dt className="font-medium">Acting as</dt>
              <dd>
                {roleLabels[actor.active.role]} at {actor.active.centreName}
              </dd>
            </>
          ) : null}
          {actor.isPlatformAdmin ? (
            <>
              <dt className="font-medium">Platform</dt>
              <dd>Platform administrator: you can create centres.</dd>
            </>
          ) : null}
        </dl>
        <p className="text-sm text-slate-700">To change your name or email, ask your centre admin.</p>
      </Section>
      <EmailSection current={notificationEmail} />
      <Section id="roles-heading" title="Your roles">
        {centres.size === 0 ? (
          <p className="rounded border border-slate-300 bg-white p-4">
            You do not hold a role at any centre. A centre admin can give you one.
          </p>
        ) : (
          <table className="w-full border-collapse bg-white text-left">
            <caption className="mb-2 text-left font-semibold">Roles you hold, by centre</caption>
            <thead>
              <tr className="border-b-2 border-slate-400">
                <ColumnHeadings headings={["Centre", "Roles"]} className="px-3 py-2" />
              </tr>
            </thead>
            <tbody>
              {[...centres.entries()].map(([id, centre]) => (
                <tr key={id} className="border-b border-slate-200">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {centre.name}
                  </th>
                  <td className="px-3 py-2">{centre.roles.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {actor.roles.length > 1 ? (
          <p className="text-sm text-slate-700">
            Switch the role you are acting in with “Acting as” at the top of any page.
          </p>
        ) : null}
      </Section>
    </div>
  );
}

/** How notifications reach the person by email (lib/notify/email.ts). */
function EmailSection({ current }: { current: string }) {
  return (
    <Section
      id="email-heading"
      title="Emails about notifications"
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
    >
      <p className="text-sm text-slate-700">
        Notifications always wait for you under Notifications. Every email about them ends with a link that turns them
        off.
      </p>
      <NotificationEmailForm current={current} />
    </Section>
  );
}
