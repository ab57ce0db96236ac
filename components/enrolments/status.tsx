import type { EnrolmentStatus } from "@/lib/enrolments/input";

export const statusLabels: Record<EnrolmentStatus, string> = {
  ACTIVE: "Active",
  COMPLETED: "Completed",
  WITHDRAWN: "Withdrawn",
};

const styles: Record<EnrolmentStatus, string> = {
  ACTIVE: "border-green-800 text-green-900",
  COMPLETED: "border-slate-700 text-slate-900",
  WITHDRAWN: "border-dashed border-red-800 text-red-900",
};

/** The status in words; the colour only repeats what the word says. */
export function EnrolmentStatusText({ status }: { status: EnrolmentStatus }) {
  return (
    <span className={`inline-block rounded border bg-white px-2 py-0.5 text-sm font-medium ${styles[status]}`}>
      {statusLabels[status]}
    </span>
  );
}
