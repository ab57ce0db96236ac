import type { Db } from "../db/client";

/** Replaces the range items a mapping claims (or, once reviewed, covers) with `rangeItemIds`. */
export async function replaceRangeItems(
  tx: Pick<Db, "mappingRangeItem">,
  mappingId: string,
  rangeItemIds: readonly string[],
): Promise<void> {
  await tx.mappingRangeItem.deleteMany({ where: { mappingId } });
  if (rangeItemIds.length > 0) {
    await tx.mappingRangeItem.createMany({ data: rangeItemIds.map((rangeItemId) => ({ mappingId, rangeItemId })) });
  }
}
