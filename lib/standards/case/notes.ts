import type { EvidenceRequirement, Range, UnitFile } from "../schema";

// What has no CASE field of its own (unit code and kind, metadata, group methods and notes,
// range title/rule/guidance, requirement checks) is written into the object's `notes` as
// "Label: value" lines, readable by people and parsed back on import. A value with line breaks
// continues on lines indented by two spaces.

export type NoteEntry = readonly [label: string, value: string];

const one = (label: string, value: string | undefined): NoteEntry[] => (value === undefined ? [] : [[label, value]]);
export const many = (label: string, values: readonly string[] | undefined): NoteEntry[] =>
  (values ?? []).map((value) => [label, value] as const);

export function writeNotes(entries: readonly NoteEntry[]): string | undefined {
  if (entries.length === 0) return undefined;
  return entries.map(([label, value]) => `${label}: ${value.replace(/\n/g, "\n  ")}`).join("\n");
}

export type ParsedNotes = {
  first(label: string): string | undefined;
  all(label: string): string[];
  has(label: string): boolean;
  /** Text that is not a "Label: value" line of ours, e.g. prose notes written by another system. */
  other: string | undefined;
};

export function readNotes(notes: string | null | undefined, labels: readonly string[]): ParsedNotes {
  const entries: { label: string; value: string }[] = [];
  const other: string[] = [];
  let current: { label: string; value: string } | undefined;
  for (const line of (notes ?? "").split("\n")) {
    if (current && line.startsWith("  ")) {
      current.value += `\n${line.slice(2)}`;
      continue;
    }
    const match = /^([^:\n]+): (.*)$/.exec(line);
    const label = match?.[1];
    if (label !== undefined && labels.includes(label)) {
      current = { label, value: match?.[2] ?? "" };
      entries.push(current);
    } else {
      current = undefined;
      other.push(line);
    }
  }
  const all = (label: string) => entries.filter((e) => e.label === label).map((e) => e.value);
  const rest = other.join("\n").trim();
  return {
    all,
    first: (label) => all(label)[0],
    has: (label) => all(label).length > 0,
    other: rest === "" ? undefined : rest,
  };
}

export const unitKindLabels: Record<UnitFile["kind"], string> = {
  nationalOccupationalStandard: "National Occupational Standard",
  qualificationUnit: "Qualification unit",
};

export const metadataTexts = [
  ["developedBy", "Developed by"],
  ["originatingOrganisation", "Originating organisation"],
  ["awardingBody", "Awarding body"],
  ["suite", "Suite"],
  ["level", "Level"],
  ["version", "Source version"],
  ["approvedOn", "Approved on"],
  ["reviewOn", "Review on"],
  ["originalUrn", "Original URN"],
] as const;
export const metadataLists = [
  ["relevantOccupations", "Relevant occupation"],
  ["keywords", "Keyword"],
  ["overview", "Overview"],
  ["aims", "Aim"],
] as const;
export const documentLabels = [
  "Unit code",
  "Unit kind",
  ...metadataTexts.map(([, label]) => label),
  "Credit value",
  ...metadataLists.map(([, label]) => label),
  "Note",
  "Transcription note",
];
export const groupLabels = ["Assessment method", "Note"];
export const criterionLabels = ["Guidance", "Range", "Range rule", "Range guidance"];
export const requirementChecks = [
  ["realWorkOnly", "Real work only"],
  ["simulationAllowed", "Simulation allowed"],
  ["eachItemEvidenced", "Each item evidenced"],
  ["sufficientPeriod", "Sufficient period"],
] as const;
export const requirementLabels = requirementChecks.map(([, label]) => label);

export function documentNotes(unit: UnitFile): NoteEntry[] {
  const m = unit.metadata;
  return [
    ["Unit code", unit.code],
    ["Unit kind", unitKindLabels[unit.kind]],
    ...metadataTexts.flatMap(([key, label]) => one(label, m[key])),
    ...one("Credit value", m.creditValue === undefined ? undefined : String(m.creditValue)),
    ...metadataLists.flatMap(([key, label]) => many(label, m[key])),
    ...many("Note", unit.notes),
    ...many("Transcription note", unit.transcriptionNotes),
  ];
}

function rangeRuleText(range: Range): string {
  if (range.rule === null) return "not stated";
  if (range.rule.rule === "all") return "all items";
  return `at least ${range.rule.n} of the ${range.items.length} items`;
}

export function parseRangeRule(text: string | undefined): Range["rule"] | "unknown" {
  if (text === undefined || /^not stated$/i.test(text.trim())) return null;
  if (/^all\b/i.test(text.trim())) return { rule: "all" };
  const atLeast = /^at least (\d+)\b/i.exec(text.trim());
  if (atLeast?.[1]) return { rule: "atLeast", n: Number(atLeast[1]) };
  return "unknown";
}

export function criterionNotes(criterion: UnitFile["groups"][number]["criteria"][number]): NoteEntry[] {
  const range = criterion.range;
  return [
    ...many("Guidance", criterion.guidance),
    ...(range
      ? [
          ...one("Range", range.title),
          ["Range rule", rangeRuleText(range)] as const,
          ...many("Range guidance", range.guidance),
        ]
      : []),
  ];
}

export function requirementNotes(requirement: EvidenceRequirement): NoteEntry[] {
  return requirementChecks.flatMap(([key, label]) =>
    one(label, requirement.checks[key] === undefined ? undefined : requirement.checks[key] ? "yes" : "no"),
  );
}
