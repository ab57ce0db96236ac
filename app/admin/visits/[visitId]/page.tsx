import { cache } from "react";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { panelClass, successClass } from "@/components/ui/styles";
import { CancelVisitForm } from "@/components/visits/cancel-visit-form";
import { VisitDatesForm } from "@/components/visits/visit-dates-form";
import { FindingsAndActions, ScopeTable, VisitDetails } from "@/components/visits/visit-parts";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { addYears, calendarDateIn } from "@/lib/format/date";
import { getVisit } from "@/lib/qa/visit-read";

export const dynamic = "force-dynamic";

const load = cache(async (visitId: string) => orNotFound(getVisit(db, await requireActor(), visitId, new Date())));
export const generateMetadata = titleOnceFound("EQA visit", ({ visitId }: { visitId: string }) => load(visitId));

type Props = {
  params: Promise<{ visitId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// long-function: one visit's admin page top to bottom: what was just done, the details, the scope, the findings and actions, then the change-days and cancel forms when the visit can still change; each part is a component, what remains is their order
export default async function AdminVisitPage({ params, searchParams }: Props) {
  const { visitId } = await params;
  const { created } = await searchParams;
  const visit = await load(visitId);
  const tz = visit.centre.timeZone;
  const today = calendarDateIn(new Date(), tz);
  const firstDay = calendarDateIn(visit.startsAt, tz);
  const lastDay = calendarDateIn(new Date(visit.endsAt.getTime() - 1), tz);
  // An ended visit's days can still be moved (the EQA's refusal says to ask for that); only a
  // cancelled one is closed for good.
  const changeable = visit.allowed.manage && visit.state !== "cancelled";
  return (
    <div className="space-y-6">
      <BackLink href="/admin/visits">Back to EQA visits</BackLink>
      <PageHeader title={visit.title} lead={`EQA visit by ${visit.eqa.name}.`} />
      <div role="status" aria-live="polite">
        {typeof created === "string" ? (
          <p className={successClass}>
            Visit arranged: {visit.portfolios} portfolio{visit.portfolios === 1 ? " is" : "s are"} open to{" "}
            {visit.eqa.name}, read-only, on the visit&apos;s days. They have been told.
          </p>
        ) : null}
      </div>
      <Section id="details-heading" title="Details" className={panelClass}>
        <VisitDetails visit={visit} />
      </Section>
      <Section id="scope-heading" title="Portfolios in scope" className={panelClass}>
        <p>
          The scope was fixed when the visit was arranged: enrolments made since are not in it. The EQA sees only
          evidence submitted for assessment, never drafts.
        </p>
        <ScopeTable
          caption="Enrolments the EQA can read during the visit"
          enrolments={visit.enrolments}
          href={(e) => `/admin/enrolments/${encodeURIComponent(e.id)}`}
        />
      </Section>
      <FindingsAndActions visit={visit} />
      {changeable ? (
        <Section id="dates-heading" title="Change the days" className={panelClass}>
          <p>The portfolios in scope open to the EQA on the new days instead.</p>
          <VisitDatesForm
            visitId={visit.id}
            firstDay={firstDay}
            lastDay={lastDay}
            earliest={firstDay < today ? firstDay : today}
            latest={addYears(today, 1)}
          />
        </Section>
      ) : null}
      {changeable && visit.state !== "ended" ? (
        <Section id="cancel-heading" title="Cancel the visit" className={panelClass}>
          <CancelVisitForm visitId={visit.id} eqaName={visit.eqa.name} />
        </Section>
      ) : null}
    </div>
  );
}
