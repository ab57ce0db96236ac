import { cache } from "react";
import { DoneBanner, firstParam, Time } from "@/components/assessment/page-parts";
import { ActionSettleForm } from "@/components/qa/action-settle-form";
import { ActionThreadView } from "@/components/qa/action-thread";
import { ReviewOutcomeForm } from "@/components/qa/review-outcome-form";
import { ReviewDecision, ReviewEvidence, ReviewMappings } from "@/components/qa/review-sections";
import { BackLink } from "@/components/ui/back-link";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { linkClass, noticeClass, panelClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { calendarDateIn, formatDate, formatDateTime } from "@/lib/format/date";
import { getItemReview, type ItemReview } from "@/lib/qa/item-review";

export const dynamic = "force-dynamic";

type Params = { planId: string; itemId: string };

const load = cache(async (planId: string, itemId: string) =>
  orNotFound(getItemReview(db, await requireActor(), { planId, itemId })),
);
export const generateMetadata = titleOnceFound("Review a sampled decision", ({ planId, itemId }: Params) =>
  load(planId, itemId),
);

const doneMessages: Record<string, string> = {
  agreed: "Outcome recorded: agreed. The assessor has been told.",
  actionRequired:
    "Outcome recorded: action required. The assessor has been told and can respond from their QA actions.",
  closed: "Action closed. The assessor has been told.",
  reopened: "Action re-opened. The assessor has been told.",
};

const outcomeWords = { agreed: "Agreed", action_required: "Action required" } as const;

function Outcome({ view }: { view: ItemReview }) {
  const sampled = view.item.sampled;
  return (
    <Section id="outcome-title" title="Outcome" className={`${panelClass} space-y-3`}>
      {sampled ? (
        <DescriptionList
          items={[
            { term: "Outcome", details: outcomeWords[sampled.outcome] },
            {
              term: "Recorded",
              details: (
                <>
                  by {sampled.byName} on <Time date={sampled.at}>{formatDateTime(sampled.at, view.timeZone)}</Time>
                </>
              ),
            },
            { term: "Feedback", details: sampled.feedback ?? "None" },
          ]}
        />
      ) : (
        <p>Not sampled yet.</p>
      )}
      {view.abilities.record ? (
        <>
          <h3 className="text-lg font-semibold">{sampled ? "Change the outcome" : "Record the outcome"}</h3>
          <ReviewOutcomeForm
            itemId={view.item.id}
            current={sampled ? { outcome: sampled.outcome, feedback: sampled.feedback } : null}
            today={calendarDateIn(new Date(), view.timeZone)}
          />
        </>
      ) : view.outcomeLocked ? (
        <p className={noticeClass}>{view.outcomeLocked}</p>
      ) : (
        <p className="text-slate-700">
          Only the IQA who made this plan, while assigned to {view.enrolment.candidateName}&apos;s enrolment, records
          the outcome.
        </p>
      )}
    </Section>
  );
}

function Actions({ view }: { view: ItemReview }) {
  if (view.actions.length === 0) return null;
  return (
    <Section id="actions-title" title="Actions for the assessor">
      {view.actions.map((action) => (
        <ActionThreadView key={action.id} action={action}>
          {action.abilities.close ? <ActionSettleForm actionId={action.id} mode="close" /> : null}
          {action.abilities.reopen ? <ActionSettleForm actionId={action.id} mode="reopen" /> : null}
        </ActionThreadView>
      ))}
    </Section>
  );
}

export default async function SampledItemPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { planId, itemId } = await params;
  const done = firstParam((await searchParams).done);
  const view = await load(planId, itemId);
  const tz = view.timeZone;
  return (
    <div className="space-y-8">
      <BackLink href={`/iqa/plans/${encodeURIComponent(view.plan.id)}`} className={linkClass}>
        Back to the plan “{view.plan.title}”
      </BackLink>
      <PageHeader
        title={`Review: ${view.item.unitCode} ${view.decision.criterionRef}, ${view.enrolment.candidateName}`}
      >
        <DescriptionList
          items={[
            { term: "Unit", details: `${view.item.unitCode} ${view.enrolment.unitTitle}` },
            { term: "Assessor", details: view.enrolment.assessorName },
            { term: "Stage", details: view.item.stage === "summative" ? "Summative" : "Interim" },
            { term: "Method", details: view.item.methodLabel },
            {
              term: "Sample due by",
              details: <Time date={view.item.dueDate}>{formatDate(view.item.dueDate, tz)}</Time>,
            },
          ]}
        />
      </PageHeader>
      <DoneBanner message={done ? (doneMessages[done] ?? null) : null} />
      <ReviewDecision view={view} />
      <ReviewEvidence view={view} />
      <ReviewMappings view={view} />
      <Outcome view={view} />
      <Actions view={view} />
    </div>
  );
}
