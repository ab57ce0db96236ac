// Words for the codes stored in the standards tables. One place, so every page says the same.

const unitKinds: Record<string, string> = {
  nationalOccupationalStandard: "National Occupational Standard",
  qualificationUnit: "Qualification unit",
};

const criterionKinds: Record<string, { one: string; many: string }> = {
  performance: { one: "Performance criterion", many: "performance criteria" },
  assessment: { one: "Assessment criterion", many: "assessment criteria" },
  outcome: { one: "Outcome", many: "outcomes" },
  knowledge: { one: "Knowledge", many: "knowledge statements" },
  behaviour: { one: "Behaviour", many: "behaviours" },
  skill: { one: "Skill", many: "skills" },
};

const groupKinds: Record<string, string> = {
  learningOutcome: "Learning outcome",
  performanceCriteria: "Performance criteria",
  outcomes: "Outcomes",
  behaviours: "Behaviours",
  knowledge: "Knowledge and understanding",
  skills: "Skills",
};

export function unitKindLabel(kind: string): string {
  return unitKinds[kind] ?? kind;
}

/** "Assessment criterion", "Knowledge", ... */
export function criterionKindLabel(kind: string): string {
  return criterionKinds[kind]?.one ?? kind;
}

/** "28 assessment criteria", "1 skill" */
export function countCriteria(kind: string, count: number): string {
  const words = criterionKinds[kind];
  if (!words) return `${count} ${kind}`;
  return `${count} ${count === 1 ? words.one.toLowerCase() : words.many}`;
}

export function groupKindLabel(kind: string): string {
  return groupKinds[kind] ?? kind;
}

export function CriterionKindBadge({ kind }: { kind: string }) {
  return (
    <span className="inline-block rounded border border-slate-300 bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800">
      {criterionKindLabel(kind)}
    </span>
  );
}

/** The group a criterion belongs to, as "1 Monitor customer service" (its reference, if any, then its title). */
export function CriterionGroupName({
  criterion,
  className,
}: {
  criterion: { groupRef: string | null; groupTitle: string };
  className?: string;
}) {
  return (
    <span className={className}>
      {criterion.groupRef ? `${criterion.groupRef} ` : ""}
      {criterion.groupTitle}
    </span>
  );
}
