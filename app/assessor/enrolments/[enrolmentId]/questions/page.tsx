import Link from "next/link";
import { cache } from "react";
import { DoneBanner, firstParam } from "@/components/assessment/page-parts";
import { MarkAnswerForm } from "@/components/questioning/mark-answer-form";
import { AnswerHistory, AssignmentStatus, CoveredCriteria } from "@/components/questioning/question-parts";
import { SetQuestionsForm } from "@/components/questioning/set-questions-form";
import { openActivityOf } from "@/lib/plans/read-plan";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { linkClass, panelClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { getAssessorQuestions, type AssessorAssignment, type AssessorQuestions } from "@/lib/questioning/views";

export const dynamic = "force-dynamic";
const load = cache(async (enrolmentId: string) =>
  orNotFound(getAssessorQuestions(db, await requireActor(), enrolmentId)),
);
export const generateMetadata = titleOnceFound("Questions", ({ enrolmentId }: { enrolmentId: string }) =>
  load(enrolmentId),
);

const doneMessages: Record<string, string> = {
  set: "Questions set. The candidate has been told.",
  alreadySet: "Those questions were already set for this candidate; nothing changed.",
  satisfactory:
    "Answer marked satisfactory. It is now accepted evidence for the question's criteria; sign them from the assessment record when ready.",
  notYet: "Answer marked not yet. The candidate has been told and can answer again.",
};

function AssignmentItem({
  assignment,
  index,
  view,
}: {
  assignment: AssessorAssignment;
  index: number;
  view: AssessorQuestions;
}) {
  const latest = assignment.answers.at(-1);
  const markable = assignment.state === "waiting" && latest && view.enrolment.status === "ACTIVE";
  const headingId = `assignment-${assignment.id}-title`;
  return (
    <li id={`assignment-${assignment.id}`} className={panelClass}>
      <h3 id={headingId} className="font-semibold">
        Question {index + 1}
      </h3>
      <p className="whitespace-pre-line">{assignment.questionText}</p>
      <p>
        <AssignmentStatus state={assignment.state} viewer="assessor" />
        {assignment.evidenceId ? (
          <>
            {" "}
            <Link href={`/assessor/review/${assignment.evidenceId}`} className={linkClass}>
              The evidence it became
            </Link>
          </>
        ) : null}
      </p>
      <CoveredCriteria criteria={assignment.criteria} />
      {assignment.guidance ? (
        <div className="rounded border border-slate-300 bg-slate-50 p-3 text-sm">
          <p className="font-medium">Guidance for you (the candidate does not see it)</p>
          <p className="whitespace-pre-line">{assignment.guidance}</p>
        </div>
      ) : null}
      {assignment.answers.length === 0 ? <p className="text-sm">No answer submitted yet.</p> : null}
      <AnswerHistory answers={assignment.answers} timeZone={view.timeZone} />
      {markable ? (
        <MarkAnswerForm
          enrolmentId={view.enrolment.id}
          assignmentId={assignment.id}
          answerId={latest.id}
          attempt={latest.attempt}
        />
      ) : null}
    </li>
  );
}

export default async function AssessorQuestionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ enrolmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { enrolmentId } = await params;
  const query = await searchParams;
  const done = firstParam(query.done);
  const view = await load(enrolmentId);
  const e = view.enrolment;
  return (
    <div className="space-y-8">
      <BackLink href={`/assessor/enrolments/${e.id}`}>Back to the assessment record</BackLink>
      <PageHeader
        title={`Questions: ${e.candidateName}, ${e.unitCode}`}
        lead={`Questions set for ${e.candidateName} on ${e.unitCode} ${e.unitTitle} (version ${e.versionNumber}), their answers and your marks.`}
      />
      <DoneBanner message={done ? (doneMessages[done] ?? null) : null} />
      <Section id="set-questions-title" title="Questions set">
        {view.assignments.length === 0 ? (
          <p>No questions set yet.</p>
        ) : (
          <ol className="space-y-4">
            {view.assignments.map((a, i) => (
              <AssignmentItem key={a.id} assignment={a} index={i} view={view} />
            ))}
          </ol>
        )}
      </Section>
      <Section id="set-title" title="Set questions from the bank">
        {e.status !== "ACTIVE" ? (
          <p>This enrolment is no longer in progress, so no questions can be set.</p>
        ) : view.settable.length === 0 ? (
          <p>
            The bank has no other questions for {e.unitCode}.{" "}
            <Link href="/assessor/questions" className={linkClass}>
              Add questions to the bank
            </Link>
          </p>
        ) : (
          <SetQuestionsForm
            enrolmentId={e.id}
            questions={view.settable}
            plannedActivity={await openActivityOf(db, e.id, firstParam(query.activity), "questioning", view.timeZone)}
          />
        )}
      </Section>
    </div>
  );
}
