import Link from "next/link";
import { DoneBanner } from "@/components/assessment/page-parts";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { StatusTag, type StatusTone } from "@/components/ui/status-tag";
import { panelClass, linkClass } from "@/components/ui/styles";
import { dateLabel } from "@/lib/format/date-bounds";
import {
  activityStateWords,
  type ActivityState,
  type AssessmentPlan,
  type PlannedActivityView,
} from "@/lib/plans/read-plan";
import { ActivityButton } from "./activity-buttons";
import { PlanActivityForm } from "./plan-activity-form";

const tones: Record<ActivityState, StatusTone> = {
  cancelled: "ended",
  done: "done",
  overdue: "negative",
  waitingForAgreement: "warning",
  agreed: "positive",
};

const doneMessages: Record<string, string> = {
  planned: "Activity added to the plan. The candidate has been asked to agree to it.",
  agreed: "You agreed to the activity. Your assessor can see that you did.",
  cancelled: "Activity cancelled. It stays on the plan as cancelled.",
  completed: "Activity marked as done.",
};

function ActivityEntry({
  plan,
  activity,
  evidenceHref,
}: {
  plan: AssessmentPlan;
  activity: PlannedActivityView;
  evidenceHref: (evidenceId: string) => string;
}) {
  const open = activity.state !== "done" && activity.state !== "cancelled";
  const name = `${activity.methodLabel} on ${dateLabel(activity.plannedFor)}`;
  return (
    <li id={`activity-${activity.id}`} className={`${panelClass} space-y-2`}>
      <div className="flex flex-wrap items-center gap-3">
        <h3 className="font-semibold">{name}</h3>
        <StatusTag tone={tones[activity.state]}>{activityStateWords[activity.state]}</StatusTag>
      </div>
      {activity.place ? <p>Where: {activity.place}</p> : null}
      <p className="font-medium">Criteria it covers:</p>
      <ul className="list-disc pl-6">
        {activity.criteria.map((c) => (
          <li key={c.id}>
            {c.ref} {c.text}
          </li>
        ))}
      </ul>
      {activity.notes ? <p className="whitespace-pre-line">{activity.notes}</p> : null}
      {activity.evidenceId ? (
        <p>
          <Link href={evidenceHref(activity.evidenceId)} className={linkClass}>
            The evidence it produced
          </Link>
        </p>
      ) : null}
      {open && plan.canManage ? <CarryOutLink enrolmentId={plan.enrolment.id} activity={activity} /> : null}
      <div className="flex flex-wrap gap-3">
        {open && plan.canAgree && activity.state !== "agreed" ? (
          <ActivityButton kind="agree" enrolmentId={plan.enrolment.id} activityId={activity.id} activityName={name} />
        ) : null}
        {open && plan.canManage ? (
          <>
            <ActivityButton
              kind="complete"
              enrolmentId={plan.enrolment.id}
              activityId={activity.id}
              activityName={name}
            />
            <ActivityButton
              kind="cancel"
              enrolmentId={plan.enrolment.id}
              activityId={activity.id}
              activityName={name}
            />
          </>
        ) : null}
      </div>
    </li>
  );
}

const recordPages: Partial<Record<string, { path: string; words: string }>> = {
  observation: { path: "observations/new", words: "Record this observation" },
  professionalDiscussion: { path: "discussions/new", words: "Record this discussion" },
  questioning: { path: "questions", words: "Set the questions" },
};

/** For the assessor: the page that carries the activity out (recording it marks it done). */
function CarryOutLink({ enrolmentId, activity }: { enrolmentId: string; activity: PlannedActivityView }) {
  const page = recordPages[activity.method];
  if (!page) return null;
  const query = `?activity=${encodeURIComponent(activity.id)}`;
  return (
    <p>
      <Link href={`/assessor/enrolments/${encodeURIComponent(enrolmentId)}/${page.path}${query}`} className={linkClass}>
        {page.words}
      </Link>
    </p>
  );
}

/**
 * An enrolment's assessment plan, for the assessor (who plans and closes activities) and the
 * candidate (who agrees to them); anyone else who may read the enrolment reads it.
 */
export function AssessmentPlanPage({
  plan,
  done,
  back,
  evidenceHref,
}: {
  plan: AssessmentPlan;
  done: string | undefined;
  back: { href: string; label: string };
  evidenceHref: (evidenceId: string) => string;
}) {
  const e = plan.enrolment;
  return (
    <div className="space-y-8">
      <BackLink href={back.href}>{back.label}</BackLink>
      <PageHeader
        title={`Assessment plan: ${e.unitCode} ${e.unitTitle}`}
        lead={`${e.candidateName}, version ${e.versionNumber}. What will be assessed next, how, when and where, agreed between assessor and candidate.`}
      />
      <DoneBanner message={done ? (doneMessages[done] ?? null) : null} />
      <Section id="plan-activities" title="Planned activities">
        {plan.activities.length === 0 ? (
          <p>Nothing is planned yet.{plan.canManage ? " Add the first activity below." : ""}</p>
        ) : (
          <ol className="space-y-4">
            {plan.activities.map((activity) => (
              <ActivityEntry key={activity.id} plan={plan} activity={activity} evidenceHref={evidenceHref} />
            ))}
          </ol>
        )}
      </Section>
      {plan.canManage ? (
        <Section id="plan-new" title="Plan an activity">
          <PlanActivityForm enrolmentId={e.id} criteria={plan.criteria} />
        </Section>
      ) : null}
    </div>
  );
}
