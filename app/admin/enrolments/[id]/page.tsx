import Link from "next/link";
import { cache, type ReactNode } from "react";
import { BackLink } from "@/components/ui/back-link";
import { ChangeAssessorForm } from "@/components/enrolments/change-assessor-form";
import { ColumnHeadings } from "@/components/ui/data-table";
import { ShareForm } from "@/components/enrolments/share-form";
import { EnrolmentStatusText } from "@/components/enrolments/status";
import { Section } from "@/components/ui/section";
import { WithdrawForm } from "@/components/enrolments/withdraw-form";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { getEnrolmentOptions } from "@/lib/enrolments/enrolment-options";
import { getEnrolment } from "@/lib/enrolments/get-enrolment";
import { addYears, calendarDateIn, formatDate, formatDateTime, formatLastDay } from "@/lib/format/date";
import { overdueActivityCounts } from "@/lib/plans/read-plan";

export const dynamic = "force-dynamic";

const load = cache(async (id: string) => orNotFound(getEnrolment(db, await requireActor(), id, new Date())));
export const generateMetadata = titleOnceFound("Enrolment", ({ id }: { id: string }) => load(id));

const section = "space-y-3 rounded border border-slate-200 bg-white p-4";

// long-function: one enrolment's page read top to bottom: the details list, the assessor-history table, then the change-assessor, share and withdraw sections, each shown only when allowed; the forms are components already, what remains is markup used once, in page order
export default async function EnrolmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const now = new Date();
  const enrolment = await load(id);
  const { allowed } = enrolment;
  const options =
    allowed.changeAssessor || allowed.share
      ? await getEnrolmentOptions(db, actor, enrolment.centre.id, ["ASSESSOR", "EQA"])
      : null;
  const tz = enrolment.centre.timeZone;
  const today = calendarDateIn(now, tz);
  const active = enrolment.status === "ACTIVE";
  const standardsHref = `/standards/${encodeURIComponent(enrolment.unit.code)}?version=${enrolment.unit.versionNumber}`;

  const details: { label: string; value: ReactNode }[] = [
    { label: "Status", value: <EnrolmentStatusText status={enrolment.status} /> },
    { label: "Candidate", value: `${enrolment.candidate.name} (${enrolment.candidate.email})` },
    { label: "Centre", value: enrolment.centre.name },
    {
      label: "Unit",
      value: (
        <>
          {enrolment.unit.code} {enrolment.unit.title}
          <span className="block">
            Pinned to{" "}
            <Link href={standardsHref} className="text-brand-700 underline">
              version {enrolment.unit.versionNumber} of {enrolment.unit.code}
            </Link>
            {enrolment.newerVersionNumber
              ? `. Version ${enrolment.newerVersionNumber} has been imported since; this enrolment stays on version ${enrolment.unit.versionNumber}.`
              : null}
          </span>
        </>
      ),
    },
    { label: "Assessor", value: enrolment.assessor?.name ?? "None assigned" },
    { label: "Internal quality assurer", value: enrolment.iqa?.name ?? "None assigned" },
    {
      label: "Start date",
      value: <time dateTime={enrolment.startDate.toISOString()}>{formatDate(enrolment.startDate, tz)}</time>,
    },
    {
      label: "Planned end date",
      value: <time dateTime={enrolment.plannedEndDate.toISOString()}>{formatDate(enrolment.plannedEndDate, tz)}</time>,
    },
    { label: "Assessment plan", value: <PlanSummary enrolmentId={enrolment.id} timeZone={tz} now={now} /> },
  ];
  if (enrolment.withdrawnAt) {
    details.push({
      label: "Withdrawn on",
      value: <time dateTime={enrolment.withdrawnAt.toISOString()}>{formatDateTime(enrolment.withdrawnAt, tz)}</time>,
    });
    details.push({ label: "Reason for withdrawal", value: enrolment.withdrawnReason ?? "Not recorded" });
  }

  return (
    <div className="space-y-6">
      <BackLink href="/admin/enrolments">Back to enrolments</BackLink>
      <h1 className="text-3xl font-bold">
        {enrolment.candidate.name}: {enrolment.unit.code}
      </h1>

      <Section id="details-heading" title="Details" className={section}>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {details.map((d) => (
            <div key={d.label} className="contents">
              <dt className="font-medium">{d.label}</dt>
              <dd>{d.value}</dd>
            </div>
          ))}
        </dl>
        <p className="text-sm text-slate-700">Dates are shown in the centre&apos;s time zone ({tz}).</p>
      </Section>

      <Section id="history-heading" title="Assessor history" className={section}>
        {enrolment.assessorHistory.length === 0 ? (
          <p>
            No changes are recorded: {enrolment.assessor ? `${enrolment.assessor.name} has` : "no one has"} been the
            assessor since the enrolment was created.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-left">
              <caption className="mb-2 text-left font-semibold">Who assessed this enrolment, oldest first</caption>
              <thead>
                <tr className="border-b-2 border-slate-400">
                  <ColumnHeadings headings={["When", "From", "To", "Changed by"]} className="px-3 py-2" />
                </tr>
              </thead>
              <tbody>
                {enrolment.assessorHistory.map((change, i) => (
                  <tr key={`${change.at.toISOString()}-${i}`} className="border-b border-slate-200">
                    <th scope="row" className="px-3 py-2 font-normal">
                      <time dateTime={change.at.toISOString()}>{formatDateTime(change.at, tz)}</time>
                    </th>
                    <td className="px-3 py-2">{change.from?.name ?? "No one (first assignment)"}</td>
                    <td className="px-3 py-2">{change.to?.name ?? "No one"}</td>
                    <td className="px-3 py-2">{change.changedBy?.name ?? "Unknown"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      {allowed.changeAssessor && options ? (
        <Section id="change-heading" title="Change assessor" className={section}>
          {active ? (
            <ChangeAssessorForm
              enrolmentId={enrolment.id}
              currentAssessorId={enrolment.assessor?.id ?? null}
              assessors={options.assessors}
            />
          ) : (
            <p>
              This enrolment is {enrolment.status === "WITHDRAWN" ? "withdrawn" : "completed"}, so its assessor can no
              longer be changed.
            </p>
          )}
        </Section>
      ) : null}

      {allowed.share && options ? (
        <Section id="share-heading" title="Share with an external quality assurer" className={section}>
          <p>
            The external quality assurer can read this enrolment and its evidence, without changing anything, until the
            end of the day you choose.
          </p>
          {enrolment.shares && enrolment.shares.length > 0 ? (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-left">
                <caption className="mb-2 text-left font-semibold">Current and past shares</caption>
                <thead>
                  <tr className="border-b-2 border-slate-400">
                    <ColumnHeadings
                      headings={["External quality assurer", "Access until the end of", "Shared by", "Access"]}
                      className="px-3 py-2"
                    />
                  </tr>
                </thead>
                <tbody>
                  {enrolment.shares.map((share) => (
                    <tr key={share.id} className="border-b border-slate-200">
                      <th scope="row" className="px-3 py-2 font-normal">
                        {share.eqa.name} ({share.eqa.email}){share.fromVisit ? ", for an EQA visit" : ""}
                      </th>
                      <td className="px-3 py-2">
                        <time dateTime={share.expiresAt.toISOString()}>{formatLastDay(share.expiresAt, tz)}</time>
                      </td>
                      <td className="px-3 py-2">{share.sharedBy?.name ?? "Unknown"}</td>
                      <td className="px-3 py-2">
                        {share.state === "upcoming" && share.startsAt ? (
                          <>
                            Opens on{" "}
                            <time dateTime={share.startsAt.toISOString()}>{formatDate(share.startsAt, tz)}</time>
                          </>
                        ) : share.state === "open" ? (
                          "Current"
                        ) : (
                          "Expired"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>Not shared with anyone yet.</p>
          )}
          <ShareForm
            enrolmentId={enrolment.id}
            eqas={options.eqas}
            today={today}
            latest={addYears(today, 1)}
            timeZone={tz}
          />
        </Section>
      ) : null}

      {allowed.withdraw && active ? (
        <Section id="withdraw-heading" title="Withdraw from this unit" className={section}>
          <p>
            Withdrawing stops work on this enrolment. Nothing is deleted: evidence, decisions and this history are kept.
          </p>
          <WithdrawForm
            enrolmentId={enrolment.id}
            candidateName={enrolment.candidate.name}
            unitCode={enrolment.unit.code}
          />
        </Section>
      ) : null}
    </div>
  );
}

/** How many planned activities are overdue, with the way to the plan itself. */
async function PlanSummary({ enrolmentId, timeZone, now }: { enrolmentId: string; timeZone: string; now: Date }) {
  const overdue = (await overdueActivityCounts(db, [enrolmentId], timeZone, now)).get(enrolmentId) ?? 0;
  return (
    <>
      {overdue === 0 ? "Nothing overdue" : `${overdue} overdue ${overdue === 1 ? "activity" : "activities"}`}.{" "}
      <Link href={`/assessor/enrolments/${encodeURIComponent(enrolmentId)}/plan`} className="text-brand-700 underline">
        Open the assessment plan
      </Link>
    </>
  );
}
