// The one vocabulary of evidence methods (docs/decisions/0019). Observations, discussions,
// answers to questions and witness testimonies made in the app carry theirs; a candidate chooses
// one for what they add (a paper observation record uploaded as a file is still an observation). `matches` lists the words a unit's own method list
// (e.g. CS34's "Evidence may be supplied by") uses for the same method, lower-case.
export const evidenceMethods = [
  { id: "observation", label: "Observation", matches: ["observation"] },
  {
    id: "product",
    label: "Product of work",
    matches: [
      "customer records",
      "organisational documentation",
      "report on managing customer service operations",
      "organisational policies and procedures",
    ],
  },
  { id: "professionalDiscussion", label: "Professional discussion", matches: ["professional discussion"] },
  { id: "questioning", label: "Question and answer", matches: ["questioning"] },
  { id: "witnessTestimony", label: "Witness testimony", matches: ["witness testimony"] },
  { id: "customerFeedback", label: "Customer feedback", matches: ["customer feedback"] },
  { id: "reflectiveAccount", label: "Reflective account", matches: ["reflective account"] },
  { id: "report", label: "Report", matches: ["report on managing customer service operations"] },
  { id: "recognitionOfPriorLearning", label: "Recognition of prior learning", matches: [] },
  {
    id: "workplaceDocument",
    label: "Workplace document reference",
    matches: [
      "organisational policies and procedures",
      "organisational documentation",
      "legislative and regulatory requirements",
    ],
  },
  { id: "other", label: "Other", matches: [] },
] as const;

export type EvidenceMethodId = (typeof evidenceMethods)[number]["id"];
export const evidenceMethodIds = evidenceMethods.map((m) => m.id) as [EvidenceMethodId, ...EvidenceMethodId[]];

export function methodLabel(id: string): string {
  return evidenceMethods.find((m) => m.id === id)?.label ?? id;
}

/**
 * Whether a method is among those a unit's learning outcome allows. Null when the unit names
 * no methods for that group (then any method is fine).
 */
export function methodAllowed(methodId: string, allowedByUnit: readonly string[] | null | undefined): boolean | null {
  if (!allowedByUnit || allowedByUnit.length === 0) return null;
  const method = evidenceMethods.find((m) => m.id === methodId);
  if (!method) return false;
  const allowed = allowedByUnit.map((a) => a.toLowerCase().replace(/\*/g, "").trim());
  return method.matches.some((word) => allowed.some((a) => a.includes(word)));
}
