import type { PersonStatus } from "@/lib/people/schemas";

const labels: Record<PersonStatus, string> = {
  active: "Active",
  invited: "Invited (not yet accepted)",
  deactivated: "Deactivated",
};

const styles: Record<PersonStatus, string> = {
  active: "border-green-700 bg-green-50 text-green-900",
  invited: "border-amber-700 bg-amber-50 text-amber-950",
  deactivated: "border-slate-500 bg-slate-100 text-slate-900",
};

/** The status in words; the colour only repeats what the words say. */
export function StatusText({ status }: { status: PersonStatus }) {
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${styles[status]}`}>
      {labels[status]}
    </span>
  );
}

export function statusLabel(status: PersonStatus): string {
  return labels[status];
}
