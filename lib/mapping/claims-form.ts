// How the mapping form sends a criterion with its equivalents in other units (issue #18), shared
// by the form (client) and its server action. The criterion being mapped is sent as the single
// mapping form always sent it (enrolmentId, criterionId, rangeItemId repeated); each ticked
// equivalent as one `also` value "enrolmentId:criterionId", and its range items as
// `alsoRangeItem` values "enrolmentId:criterionId:rangeItemId", so each claim keeps its own.
// Ids are cuids, which never contain ":". Pure and client-safe.

export const alsoField = "also";
export const alsoRangeItemField = "alsoRangeItem";

export const alsoValue = (enrolmentId: string, criterionId: string) => `${enrolmentId}:${criterionId}`;
export const alsoRangeItemValue = (enrolmentId: string, criterionId: string, rangeItemId: string) =>
  `${alsoValue(enrolmentId, criterionId)}:${rangeItemId}`;

export type ClaimFields = {
  enrolmentId: string;
  criterionId: string;
  rangeItemId: readonly string[];
  also: readonly string[];
  alsoRangeItem: readonly string[];
};

export type FormClaim = { enrolmentId: string; criterionId: string; rangeItemIds: string[] };

/**
 * The claims the form asks for: the criterion being mapped first, then each ticked equivalent
 * with the range items ticked for it. Range items of an equivalent left unticked are not claimed.
 * A value that is not two ids becomes a claim with empty ids, which the input schema refuses.
 */
export function claimsFromForm(fields: ClaimFields): FormClaim[] {
  const primary = {
    enrolmentId: fields.enrolmentId,
    criterionId: fields.criterionId,
    rangeItemIds: [...fields.rangeItemId],
  };
  const others = fields.also.map((value) => {
    const parts = value.split(":");
    const [enrolmentId = "", criterionId = ""] = parts.length === 2 ? parts : [];
    const prefix = `${value}:`;
    const rangeItemIds = fields.alsoRangeItem
      .filter((item) => parts.length === 2 && item.startsWith(prefix))
      .map((item) => item.slice(prefix.length));
    return { enrolmentId, criterionId, rangeItemIds };
  });
  return [primary, ...others];
}
