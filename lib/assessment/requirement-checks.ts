// Reading a stored EvidenceRequirement's `checks` JSON: which flags it sets.

export type RequirementChecks = {
  realWorkOnly?: boolean;
  simulationAllowed?: boolean;
  eachItemEvidenced?: boolean;
  sufficientPeriod?: boolean;
};

export function requirementChecks(stored: unknown): RequirementChecks {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {};
  const raw = stored as Record<string, unknown>;
  const flags: RequirementChecks = {};
  for (const key of ["realWorkOnly", "simulationAllowed", "eachItemEvidenced", "sufficientPeriod"] as const) {
    if (typeof raw[key] === "boolean") flags[key] = raw[key];
  }
  return flags;
}

/** A requirement the assessor must confirm before unit sign-off: its checks object is not empty. */
export function isCheckable(stored: unknown): boolean {
  return typeof stored === "object" && stored !== null && !Array.isArray(stored) && Object.keys(stored).length > 0;
}

/** The sub-items of a requirement, as stored ([{ ref, text }]). */
export function requirementItems(stored: unknown): { ref: string; text: string }[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item) => {
    if (typeof item !== "object" || item === null) return [];
    const { ref, text } = item as { ref?: unknown; text?: unknown };
    return typeof text === "string" ? [{ ref: typeof ref === "string" ? ref : "", text }] : [];
  });
}
