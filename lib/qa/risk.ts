import { MARKDOWN_MAX_CHARS } from "../markdown/limits";

// The words and numbers of a centre's sampling strategy that forms and pages share (client-safe:
// no database here). docs/decisions/0020.

/** An assessor's risk level, highest sampling first. */
export const riskLevels = ["new", "standard", "low"] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const riskLevelLabels: Record<RiskLevel, string> = { new: "New", standard: "Standard", low: "Low risk" };

/** The rates a centre starts with until its IQAs save their own (the SamplingStrategy defaults). */
export const defaultRates: Record<RiskLevel, number> = { new: 100, standard: 25, low: 10 };

export const strategyLimits = { text: MARKDOWN_MAX_CHARS, reason: 1000 } as const;

/**
 * The suggestion rule: when at least SUGGEST_AFTER of an assessor's last SUGGESTION_WINDOW
 * sampled items had the outcome "action_required", the page suggests raising their level by one.
 */
export const SUGGESTION_WINDOW = 5;
export const SUGGEST_AFTER = 2;

/** The level above, or null at the top. */
export function levelAbove(level: RiskLevel): RiskLevel | null {
  const index = riskLevels.indexOf(level);
  return index > 0 ? (riskLevels[index - 1] ?? null) : null;
}

export function isRiskLevel(value: string): value is RiskLevel {
  return (riskLevels as readonly string[]).includes(value);
}
