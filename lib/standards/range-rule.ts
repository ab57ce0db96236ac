/**
 * How many items of a criterion's range the evidence must cover, in words: "at least 3 of
 * these 9", "all of these 6", or "" when the source states no rule. The one place for this
 * wording; callers add their own verb ("Cover …").
 */
export function describeRangeRule(
  rule: string | null | undefined,
  min: number | null | undefined,
  itemCount: number,
): string {
  if (itemCount < 1) return "";
  if (rule === "all") return itemCount === 1 ? "this one" : `all of these ${itemCount}`;
  if (rule === "atLeast" && min != null && Number.isInteger(min) && min >= 1) {
    if (itemCount === 1) return "this one";
    return `at least ${min} of these ${itemCount}`;
  }
  return "";
}
