import { Time } from "@/components/assessment/page-parts";
import { StatusTag, type StatusTone } from "@/components/ui/status-tag";
import { formatDateTime } from "@/lib/format/date";
import type { AssignmentState } from "@/lib/questioning/common";
import { assignmentStateWords, type AnswerView } from "@/lib/questioning/views";

// What both questioning pages show of a set question: its state in words, the criteria it
// covers, and the history of answers with their marks and feedback.

const tones: Record<AssignmentState, StatusTone> = {
  unanswered: "neutral",
  waiting: "warning",
  notYet: "negative",
  satisfactory: "positive",
};

export function AssignmentStatus({ state, viewer }: { state: AssignmentState; viewer: "candidate" | "assessor" }) {
  return <StatusTag tone={tones[state]}>{assignmentStateWords(state, viewer)}</StatusTag>;
}

export function CoveredCriteria({ criteria }: { criteria: { id: string; label: string; text: string }[] }) {
  return (
    <div className="text-sm">
      <p className="font-medium">Criteria a satisfactory answer proves</p>
      <ul className="list-disc pl-5">
        {criteria.map((c) => (
          <li key={c.id}>
            <span className="font-mono font-semibold">{c.label}</span> {c.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

function markWords(mark: AnswerView["mark"]): string {
  if (mark === "SATISFACTORY") return "Satisfactory";
  if (mark === "NOT_YET") return "Not yet";
  return "Not marked yet";
}

/** Every answer given, oldest first, each with its mark and feedback. */
export function AnswerHistory({ answers, timeZone }: { answers: AnswerView[]; timeZone: string }) {
  if (answers.length === 0) return null;
  return (
    <ol className="space-y-3">
      {answers.map((a) => (
        <li key={a.id} className="border-l-4 border-slate-300 pl-3">
          <p className="text-sm font-medium">
            Answer {a.attempt}, submitted <Time date={a.submittedAt}>{formatDateTime(a.submittedAt, timeZone)}</Time>
          </p>
          <p className="whitespace-pre-line">{a.text}</p>
          <p className="text-sm">
            <span className="font-medium">Mark:</span> {markWords(a.mark)}
            {a.markedAt ? (
              <>
                {" "}
                (<Time date={a.markedAt}>{formatDateTime(a.markedAt, timeZone)}</Time>)
              </>
            ) : null}
          </p>
          {a.feedback ? (
            <p className="text-sm whitespace-pre-line">
              <span className="font-medium">Feedback:</span> {a.feedback}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
