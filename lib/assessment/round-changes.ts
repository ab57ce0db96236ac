import type { Db } from "../db/client";
import { listInWords } from "./common";

// What the candidate changed since the assessor last reviewed the evidence: the assessor of
// round 2 needs to see what is new since round 1's referral, not re-read everything. Worked
// out from the record the operations already keep: each review's audit event holds the range
// items claimed when it was reviewed (reviewMapping writes them as `before`), the evidence's
// edits and file removals are audited, and a file carries when it was added.

export type RoundChanges = {
  /** The round the evidence is in now; the changes are since round `round - 1`. */
  round: number;
  /** What changed on the evidence itself: details edited, files added or removed. Empty when nothing did. */
  evidence: string[];
  /** Per mapping id, in words: new since the last review, or how its range items changed since it was referred. */
  mappings: Map<string, string>;
};

const fieldWords: Record<string, string> = {
  title: "the title",
  method: "the method",
  activityDate: "the date of the activity",
  description: "the description",
  simulated: "whether it is simulated",
  workplaceDocument: "the workplace document reference",
};

function idsOf(value: unknown): string[] | null {
  if (typeof value !== "object" || value === null) return null;
  const ids = (value as { rangeItemIds?: unknown }).rangeItemIds;
  return Array.isArray(ids) ? ids.filter((v): v is string => typeof v === "string") : null;
}

/** The fields that differ between two audited snapshots of the evidence, in words, in the form's order. */
export function changedFields(before: unknown, after: unknown): string[] {
  const b = (typeof before === "object" && before !== null ? before : {}) as Record<string, unknown>;
  const a = (typeof after === "object" && after !== null ? after : {}) as Record<string, unknown>;
  return Object.keys(fieldWords).filter((key) => JSON.stringify(b[key] ?? null) !== JSON.stringify(a[key] ?? null));
}

/** "Range items added: A; B. Removed: C." or "Same range items as reviewed." */
export function claimChangeWords(
  reviewed: readonly string[],
  now: readonly string[],
  textOf: ReadonlyMap<string, string>,
): string {
  const added = now
    .filter((id) => !reviewed.includes(id))
    .map((id) => textOf.get(id) ?? "an item no longer in the unit");
  const removed = reviewed
    .filter((id) => !now.includes(id))
    .map((id) => textOf.get(id) ?? "an item no longer in the unit");
  if (added.length === 0 && removed.length === 0) return "Same range items as when it was reviewed.";
  return [
    added.length > 0 ? `Range items added: ${added.join("; ")}.` : "",
    removed.length > 0 ? `Range items removed: ${removed.join("; ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

type MappingFacts = {
  id: string;
  status: string;
  rangeItemIds: string[];
  rangeItemText: ReadonlyMap<string, string>;
  reviewed: boolean;
};

/**
 * The range items each mapping claimed when it was last reviewed (accepting may narrow the
 * mapping's items to those accepted, so the mapping no longer says what was claimed).
 */
export async function claimsAtLastReview(
  db: Pick<Db, "auditEvent">,
  mappingIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (mappingIds.length === 0) return new Map();
  const events = await db.auditEvent.findMany({
    where: {
      entityType: "Mapping",
      entityId: { in: [...mappingIds] },
      action: { in: ["mapping.accept", "mapping.reject"] },
    },
    select: { entityId: true, before: true },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  // Oldest first, so the latest review of each mapping wins.
  const claims = new Map<string, string[]>();
  for (const event of events) {
    const ids = idsOf(event.before);
    if (event.entityId && ids) claims.set(event.entityId, ids);
  }
  return claims;
}

/**
 * What changed since the evidence's last reviewed round, for evidence in round 2 or later; null
 * in round 1 (there is nothing to compare with).
 */
export async function roundChanges(
  db: Pick<Db, "auditEvent" | "mappingReview" | "evidenceFile">,
  evidence: { id: string; centreId: string; round: number },
  mappings: readonly MappingFacts[],
  claimAtReview: ReadonlyMap<string, string[]>,
): Promise<RoundChanges | null> {
  if (evidence.round <= 1) return null;
  const lastReview = await db.mappingReview.findFirst({
    where: { evidenceId: evidence.id, round: evidence.round - 1 },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  if (!lastReview) return null;
  const since = lastReview.at;

  const [edits, added, removals] = await Promise.all([
    db.auditEvent.findMany({
      where: { entityType: "Evidence", entityId: evidence.id, action: "evidence.update", at: { gt: since } },
      select: { before: true, after: true },
    }),
    db.evidenceFile.count({ where: { evidenceId: evidence.id, createdAt: { gt: since } } }),
    // A removed file's audit names its evidence only inside the JSON; removals are rare, so the centre's are read and matched here.
    db.auditEvent.findMany({
      where: { centreId: evidence.centreId, action: "evidence.removeFile", at: { gt: since } },
      select: { before: true },
    }),
  ]);

  const fields = new Set(edits.flatMap((e) => changedFields(e.before, e.after)));
  const removed = removals.filter(
    (r) => (r.before as { evidenceId?: unknown } | null)?.evidenceId === evidence.id,
  ).length;
  const changes: string[] = [];
  if (fields.size > 0)
    changes.push(
      `changed ${listInWords(
        Object.keys(fieldWords)
          .filter((k) => fields.has(k))
          .map((k) => fieldWords[k] as string),
      )}`,
    );
  if (added > 0) changes.push(`added ${added === 1 ? "1 file" : `${added} files`}`);
  if (removed > 0) changes.push(`removed ${removed === 1 ? "1 file" : `${removed} files`}`);

  const byMapping = new Map<string, string>();
  for (const m of mappings) {
    const reviewed = claimAtReview.get(m.id);
    // An accepted claim is settled; what changed matters for the new and the referred ones.
    if (m.status === "ACCEPTED") continue;
    if (!m.reviewed)
      byMapping.set(m.id, `New in round ${evidence.round}: not claimed when round ${evidence.round - 1} was reviewed.`);
    else if (reviewed) byMapping.set(m.id, claimChangeWords(reviewed, m.rangeItemIds, m.rangeItemText));
  }
  return { round: evidence.round, evidence: changes, mappings: byMapping };
}

/** The evidence-level sentence the review page shows in round 2 or later. */
export function roundChangesSummary(changes: Pick<RoundChanges, "round" | "evidence">): string {
  const previous = changes.round - 1;
  const what =
    changes.evidence.length > 0
      ? `the candidate ${listInWords(changes.evidence)}`
      : "the candidate has not changed the evidence's details or files";
  return `Round ${changes.round}. Since round ${previous} was reviewed, ${what}. What changed on each claim is shown with it.`;
}
