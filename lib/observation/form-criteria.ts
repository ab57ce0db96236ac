/** How the observation form names a range item checkbox's value: its criterion, a slash, the item. */
export function rangeItemValue(criterionId: string, rangeItemId: string): string {
  return `${criterionId}/${rangeItemId}`;
}

/**
 * The criteria observed, from the form's ticked criteria and range items (of one enrolment).
 * Ticking a range item observes its criterion too, so a criterion left unticked by mistake is not
 * lost with the items ticked under it.
 */
export function observationCriteriaFrom(
  enrolmentId: string,
  criterionIds: readonly string[],
  rangeItems: readonly string[],
): { enrolmentId: string; criterionId: string; rangeItemIds: string[] }[] {
  const items = rangeItems.flatMap((value) => {
    const [criterionId, rangeItemId] = value.split("/");
    return criterionId && rangeItemId ? [{ criterionId, rangeItemId }] : [];
  });
  const observed = [...new Set([...criterionIds, ...items.map((i) => i.criterionId)])].filter((id) => id !== "");
  return observed.map((criterionId) => ({
    enrolmentId,
    criterionId,
    rangeItemIds: items.filter((i) => i.criterionId === criterionId).map((i) => i.rangeItemId),
  }));
}
