import { cache } from "react";
import { DateTime } from "@/components/people/date-time";
import { SendResetForm } from "@/components/people/send-reset-form";
import { DeactivateForm } from "@/components/people/deactivate-form";
import { BackToPeople } from "@/components/people/back-to-people";
import { ColumnHeadings } from "@/components/ui/data-table";
import { refusalMessage } from "@/components/people/refusal";
import { Refusal } from "@/components/ui/refusal";
import { ResendInvitationForm } from "@/components/people/resend-invitation-form";
import { RolesForm } from "@/components/people/roles-form";
import { Section } from "@/components/ui/section";
import { StatusText } from "@/components/people/status";
import { cellClass, headRowClass, linkClass, tableClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { roleLabels } from "@/lib/authz/labels";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { getPerson } from "@/lib/people/get-person";

export const dynamic = "force-dynamic";

/** The person, or null when the viewer is not acting as a centre admin: the page says so, whatever the id. */
const load = cache(async (id: string) => {
  const actor = await requireActor();
  const centreId = actor.active?.centreId;
  if (!centreId || !can(actor, "user.list", { kind: "centre", centreId })) return null;
  return orNotFound(getPerson(db, actor, decodeURIComponent(id).slice(0, 64)));
});
export const generateMetadata = titleOnceFound("Person", ({ id }: { id: string }) => load(id));

// long-function: one person's page read top to bottom: the details list (with the invitation's state), then the roles, invitation, password and membership sections, each behind its own permission, then recent activity; the forms are components, what remains is their order and wording
export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const person = await load((await params).id);
  if (!person)
    return (
      <Refusal title="Person" message={refusalMessage(await requireActor(), "this page")} linkClassName={linkClass} />
    );
  const tz = person.centre.timeZone;
  const invitationExpired =
    person.invitation && !person.invitation.usedAt && new Date(person.invitation.expiresAt) <= new Date();

  return (
    <div className="space-y-8">
      <BackToPeople />
      <div className="space-y-3">
        <h1 className="text-3xl font-bold">{person.name}</h1>
        <dl className="grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
          <dt className="font-medium">Email</dt>
          <dd className="break-all">{person.email}</dd>
          <dt className="font-medium">Status</dt>
          <dd>
            <StatusText status={person.status} />
            {person.deactivatedAt ? (
              <span className="ml-2 text-sm text-slate-700">
                since <DateTime iso={person.deactivatedAt} timeZone={tz} />
              </span>
            ) : null}
          </dd>
          <dt className="font-medium">Roles here</dt>
          <dd>{person.roles.map((role) => roleLabels[role]).join(", ")}</dd>
          <dt className="font-medium">Added</dt>
          <dd>
            <DateTime iso={person.addedAt} timeZone={tz} />
          </dd>
          {person.invitation ? (
            <>
              <dt className="font-medium">Invitation</dt>
              <dd>
                {person.invitation.usedAt ? (
                  <>
                    Used <DateTime iso={person.invitation.usedAt} timeZone={tz} />
                  </>
                ) : invitationExpired ? (
                  <>
                    Expired <DateTime iso={person.invitation.expiresAt} timeZone={tz} /> without being used
                  </>
                ) : (
                  <>
                    Created <DateTime iso={person.invitation.createdAt} timeZone={tz} />, works until{" "}
                    <DateTime iso={person.invitation.expiresAt} timeZone={tz} />
                  </>
                )}
              </dd>
            </>
          ) : null}
        </dl>
      </div>

      {person.isSelf ? (
        <p className="max-w-2xl rounded border border-slate-300 bg-white p-4">
          This is you. You cannot change your own roles or deactivate yourself here, so that no centre is left without
          an admin by accident. Ask another centre admin if you need either.
        </p>
      ) : null}

      {person.may.changeRoles ? (
        <Section id="roles-heading" title="Roles" className="max-w-2xl space-y-3">
          <RolesForm
            userId={person.id}
            personName={person.name}
            centreName={person.centre.name}
            current={person.roles}
          />
        </Section>
      ) : null}

      {person.may.resendInvitation ? (
        <Section id="invite-heading" title="Invitation" className="max-w-2xl space-y-3">
          <p className="text-slate-700">
            {person.name} has not accepted the invitation yet, so their roles here have not started. If their link is
            lost or has expired, create a new one and send it to them.
          </p>
          <ResendInvitationForm userId={person.id} email={person.email} />
        </Section>
      ) : null}

      {person.may.sendPasswordReset ? (
        <Section id="password-heading" title="Password" className="max-w-2xl space-y-3">
          <p className="text-slate-700">
            If {person.name} has forgotten their password, send them a link to choose a new one. It goes to{" "}
            {person.email} only; you never see it.
          </p>
          <SendResetForm userId={person.id} />
        </Section>
      ) : null}

      {person.may.deactivate ? (
        <Section id="account-heading" title={<>Membership of {person.centre.name}</>} className="max-w-2xl space-y-3">
          <p className="text-slate-700">
            {person.deactivatedAt
              ? `${person.name} is deactivated at ${person.centre.name}: their roles here give them nothing. Their evidence and history are kept.`
              : `Deactivating ends ${person.name}'s roles at ${person.centre.name} straight away. Nothing is deleted, and you can reactivate them later. Any other centre they belong to is not affected.`}
          </p>
          <DeactivateForm userId={person.id} personName={person.name} deactivated={Boolean(person.deactivatedAt)} />
        </Section>
      ) : null}

      <Section id="activity-heading" title="Recent activity">
        {person.recentEvents.length === 0 ? (
          <p>Nothing recorded yet.</p>
        ) : (
          <div role="region" aria-labelledby="activity-caption" tabIndex={0} className="overflow-x-auto">
            <table className={tableClass}>
              <caption id="activity-caption" className="sr-only">
                The latest {person.recentEvents.length} recorded events about {person.name}, newest first
              </caption>
              <thead>
                <tr className={headRowClass}>
                  <ColumnHeadings headings={["When", "What happened", "By"]} className={cellClass} />
                </tr>
              </thead>
              <tbody>
                {person.recentEvents.map((event) => (
                  <tr key={event.id} className="border-b border-slate-200">
                    <th scope="row" className={`${cellClass} font-normal whitespace-nowrap`}>
                      <DateTime iso={event.at} timeZone={tz} />
                    </th>
                    <td className={cellClass}>{event.description}</td>
                    <td className={cellClass}>{event.actorName ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
