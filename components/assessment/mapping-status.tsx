import { mappingStatusLabel, type MappingStatus } from "@/lib/mapping/status-words";

const tones: Record<MappingStatus, string> = {
  PROPOSED: "border-slate-500 bg-slate-50 text-slate-900",
  SUBMITTED: "border-blue-800 bg-blue-50 text-blue-900",
  ACCEPTED: "border-green-800 bg-green-50 text-green-900",
  REJECTED: "border-amber-800 bg-amber-50 text-amber-950",
};

/** A mapping's status in words, with a border for those who see colour (never colour alone). */
export function MappingStatusBadge({ status }: { status: MappingStatus }) {
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-sm font-medium ${tones[status]}`}>
      {mappingStatusLabel(status)}
    </span>
  );
}
