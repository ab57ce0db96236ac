import type { Metadata } from "next";
import Link from "next/link";
import { refusalMessage } from "@/components/people/refusal";
import { Refusal } from "@/components/ui/refusal";
import { Section } from "@/components/ui/section";
import { cellClass, headRowClass, linkClass, tableClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { roleLabels } from "@/lib/authz/labels";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { getCentreOverview } from "@/lib/people/centre-overview";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Centre overview" };

// long-function: the centre overview read top to bottom: the refusal, three count cards, the people-by-role table and the Manage links; short static markup, each piece used once and in page order
export default async function AdminHomePage() {
  const actor = await requireActor();
  const centreId = actor.active?.centreId;
  if (!centreId || !can(actor, "centre.readDashboard", { kind: "centre", centreId })) {
    return (
      <Refusal
        title="Centre overview"
        message={refusalMessage(actor, "the centre overview")}
        linkClassName={linkClass}
      />
    );
  }
  const overview = await getCentreOverview(db, actor);
  const mayReadOutbox = can(actor, "outbox.read", { kind: "centre", centreId });

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">{overview.centre.name}</h1>
        <p className="text-slate-700">
          Your centre at a glance. Counts are of accounts that are not deactivated, unless stated.
        </p>
      </div>

      <ul className="grid gap-4 sm:grid-cols-3">
        <li className="rounded border border-slate-200 bg-white p-4">
          <p className="text-3xl font-bold">{overview.people.total}</p>
          <p>
            <Link href="/admin/people" className={linkClass}>
              People
            </Link>{" "}
            at this centre
          </p>
          <p className="text-sm text-slate-700">
            Waiting to set a password: {overview.people.invited}. Deactivated: {overview.people.deactivated}.
          </p>
        </li>
        <li className="rounded border border-slate-200 bg-white p-4">
          <p className="text-3xl font-bold">{overview.activeEnrolments}</p>
          <p>
            Active{" "}
            <Link href="/admin/enrolments" className={linkClass}>
              enrolments
            </Link>
          </p>
        </li>
        {mayReadOutbox ? (
          <li className="rounded border border-slate-200 bg-white p-4">
            <p className="text-3xl font-bold">{overview.unsentMessages}</p>
            <p>
              Messages in the{" "}
              <Link href="/admin/outbox" className={linkClass}>
                outbox
              </Link>{" "}
              not sent by email
            </p>
          </li>
        ) : null}
      </ul>

      <Section id="roles-heading" title="People by role">
        <div className="max-w-md">
          <table className={tableClass}>
            <caption className="sr-only">
              Number of people with each role at {overview.centre.name}; a person with two roles counts in both
            </caption>
            <thead>
              <tr className={headRowClass}>
                <th scope="col" className={cellClass}>
                  Role
                </th>
                <th scope="col" className={`${cellClass} text-right`}>
                  People
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.activeByRole.map(({ role, count }) => (
                <tr key={role} className="border-b border-slate-200">
                  <th scope="row" className={`${cellClass} font-normal`}>
                    <Link href={`/admin/people?role=${role}`} className={linkClass}>
                      {roleLabels[role]}
                    </Link>
                  </th>
                  <td className={`${cellClass} text-right tabular-nums`}>{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <nav aria-label="Centre administration" className="space-y-2">
        <h2 className="text-xl font-semibold">Manage</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>
            <Link href="/admin/people" className={linkClass}>
              People
            </Link>
            : find, add and deactivate people, and change their roles
          </li>
          <li>
            <Link href="/admin/enrolments" className={linkClass}>
              Enrolments
            </Link>
            : enrol candidates on units and assign assessors
          </li>
          {mayReadOutbox ? (
            <li>
              <Link href="/admin/outbox" className={linkClass}>
                Outbox
              </Link>
              : messages the app has written, including invitation links
            </li>
          ) : null}
        </ul>
      </nav>
    </div>
  );
}
