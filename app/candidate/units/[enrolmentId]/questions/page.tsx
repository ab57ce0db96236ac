import Link from "next/link";
import { cache } from "react";
import { DoneBanner, firstParam } from "@/components/assessment/page-parts";
import { AnswerForm } from "@/components/questioning/answer-form";
import { AnswerHistory, AssignmentStatus, CoveredCriteria } from "@/components/questioning/question-parts";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { linkClass, panelClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { getCandidateQuestions, type CandidateAssignment, type CandidateQuestions } from "@/lib/questioning/views";

// The candidate's questions for one unit. Everything here comes from getCandidateQuestions,
// which never reads a question's guidance: that is for assessors only.

export const dynamic = "force-dynamic";
const load = cache(async (enrolmentId: string) =>
  orNotFound(getCandidateQuestions(db, await requireActor(), enrolmentId)),
);
export const generateMetadata = titleOnceFound("My questions", ({ enrolmentId }: { enrolmentId: string }) =>
  load(enrolmentId),
);

const doneMessages: Record<string, string> = {
  draft: "Draft saved. Only you can see it until you submit it.",
  submitted: "Answer submitted. Your assessor has been told and will mark it.",
};

function AssignmentItem({
  assignment,
  index,
  view,
}: {
  assignment: CandidateAssignment;
  index: number;
  view: CandidateQuestions;
}) {
  const answerable =
    (assignment.state === "unanswered" || assignment.state === "notYet") && view.enrolment.status === "ACTIVE";
  const headingId = `assignment-${assignment.id}-title`;
  return (
    <li id={`assignment-${assignment.id}`} className={panelClass}>
      <h2 id={headingId} className="text-lg font-semibold">
        Question {index + 1}
      </h2>
      <p className="whitespace-pre-line">{assignment.questionText}</p>
      <p>
        <AssignmentStatus state={assignment.state} viewer="candidate" />
        {assignment.evidenceId ? (
          <>
            {" "}
            <Link href={`/candidate/evidence/${assignment.evidenceId}`} className={linkClass}>
              Your answer as evidence
            </Link>
          </>
        ) : null}
      </p>
      <CoveredCriteria criteria={assignment.criteria} />
      <AnswerHistory answers={assignment.answers} timeZone={view.timeZone} />
      {answerable ? (
        <AnswerForm
          enrolmentId={view.enrolment.id}
          assignmentId={assignment.id}
          draft={assignment.draft}
          again={assignment.state === "notYet"}
        />
      ) : null}
    </li>
  );
}

export default async function CandidateQuestionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ enrolmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { enrolmentId } = await params;
  const done = firstParam((await searchParams).done);
  const view = await load(enrolmentId);
  const e = view.enrolment;
  return (
    <div className="space-y-8">
      <BackLink href={`/candidate/units/${e.id}`}>Back to {e.unitCode}</BackLink>
      <PageHeader
        title={`Questions for ${e.unitCode}`}
        lead="Questions your assessor set for you. Answer each in your own words; a satisfactory answer becomes evidence for the criteria it covers."
      />
      <DoneBanner message={done ? (doneMessages[done] ?? null) : null} />
      {view.assignments.length === 0 ? (
        <Section id="none-title" title="No questions yet">
          <p>Your assessor has not set any questions for this unit yet. You will be told when they do.</p>
        </Section>
      ) : (
        <ol className="space-y-4">
          {view.assignments.map((a, i) => (
            <AssignmentItem key={a.id} assignment={a} index={i} view={view} />
          ))}
        </ol>
      )}
    </div>
  );
}
