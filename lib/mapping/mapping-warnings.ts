import { methodAllowed, methodLabel } from "../evidence/methods";

// Warnings about a mapping that is allowed but that an assessor should look at twice. The
// candidate sees them when mapping and in the list of mappings; the assessor's review reuses
// this function, so both sides say the same thing.

export type MappingWarningInput = {
  /** The evidence's method id (lib/evidence/methods.ts). */
  evidenceMethod: string;
  /** The criterion's group: its title and the methods the unit lists for it (JSON as stored). */
  group: { title: string; assessmentMethods: unknown };
};

/** The methods a group lists, as stored (a JSON array of strings), or null when it lists none. */
export function groupAssessmentMethods(stored: unknown): string[] | null {
  if (!Array.isArray(stored)) return null;
  const methods = stored.filter((m): m is string => typeof m === "string" && m.trim().length > 0);
  return methods.length > 0 ? methods : null;
}

/** "Observation is not among the methods this unit lists for <group>: Questioning, ...". */
export function mappingWarnings({ evidenceMethod, group }: MappingWarningInput): string[] {
  const warnings: string[] = [];
  const methods = groupAssessmentMethods(group.assessmentMethods);
  if (methods && methodAllowed(evidenceMethod, methods) === false) {
    // The asterisks point at footnotes of the source that are not shown beside the list.
    const list = methods.map((m) => m.replace(/\*/g, "").trim()).join(", ");
    warnings.push(
      `${methodLabel(evidenceMethod)} is not among the methods this unit lists for ${group.title}: ${list}.`,
    );
  }
  return warnings;
}
