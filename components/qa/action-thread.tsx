import type { ReactNode } from "react";
import { Time } from "@/components/assessment/page-parts";
import { DescriptionList } from "@/components/ui/description-list";
import { panelClass } from "@/components/ui/styles";
import { formatDate, formatDateTime } from "@/lib/format/date";
import type { ActionEntryView, ActionThread } from "@/lib/qa/actions";
import { ActionStatus } from "./action-status";

const entryWords: Record<ActionEntryView["kind"], string> = {
  response: "Response",
  close: "Closed",
  reopen: "Re-opened",
};

/** One QA action: what was asked, by whom, by when, its status, and its thread oldest first; `children` are the forms the viewer may use. */
export function ActionThreadView({
  action,
  headingLevel = 3,
  children,
}: {
  action: ActionThread;
  headingLevel?: 2 | 3;
  children?: ReactNode;
}) {
  const tz = action.timeZone;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `action-${action.id}-title`;
  return (
    <section id={`action-${action.id}`} aria-labelledby={headingId} className={panelClass}>
      <div className="flex flex-wrap items-center gap-3">
        <Heading id={headingId} className="text-lg font-semibold">
          Action set by {action.raisedByName}
        </Heading>
        <ActionStatus status={action.status} statusWord={action.statusWord} overdue={action.overdue} />
      </div>
      <DescriptionList
        items={[
          { term: "For", details: action.assessorName ?? "The centre (a centre admin responds)" },
          {
            term: "Due by",
            details: <Time date={action.dueDate}>{formatDate(action.dueDate, tz)}</Time>,
          },
          { term: "Set on", details: <Time date={action.createdAt}>{formatDateTime(action.createdAt, tz)}</Time> },
          {
            term: "Closed on",
            details: action.closedAt ? <Time date={action.closedAt}>{formatDateTime(action.closedAt, tz)}</Time> : null,
          },
        ]}
      />
      <blockquote className="border-l-4 border-amber-600 pl-3 whitespace-pre-line">{action.text}</blockquote>
      {action.entries.length === 0 ? (
        <p className="text-slate-700">No response yet.</p>
      ) : (
        <ol className="space-y-2" aria-label="What has happened to the action">
          {action.entries.map((entry) => (
            <li key={entry.id} className="border-l-4 border-slate-300 pl-3">
              <p className="text-sm">
                <span className="font-semibold">{entryWords[entry.kind]}</span> by {entry.authorName} on{" "}
                <Time date={entry.at}>{formatDateTime(entry.at, tz)}</Time>
              </p>
              <p className="whitespace-pre-line">{entry.text}</p>
            </li>
          ))}
        </ol>
      )}
      {children}
    </section>
  );
}
