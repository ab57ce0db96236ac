import { StatusTag, type StatusTone } from "@/components/ui/status-tag";
import type { QaActionStatus } from "@/lib/qa/actions";

const tones: Record<QaActionStatus, StatusTone> = { open: "warning", responded: "neutral", closed: "done" };

/** An action's status in words ("Open", "Responded", "Closed"), and "Overdue" beside it while it is. */
export function ActionStatus({
  status,
  statusWord,
  overdue,
}: {
  status: QaActionStatus;
  statusWord: string;
  overdue: boolean;
}) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <StatusTag tone={tones[status]}>{statusWord}</StatusTag>
      {overdue ? (
        <StatusTag tone="negative" title="Its due date has passed and it is not closed">
          Overdue
        </StatusTag>
      ) : null}
    </span>
  );
}
