import { can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { loadEvidenceResource } from "./evidence-resource";

// The versions of one evidence item (docs/decisions/0017): each revision points at the version
// it revised. Pages list them so that both the part an assessor accepted (an older version, kept
// as judged) and the part being revised (the newest) are one click apart.

export type EvidenceVersion = {
  id: string;
  version: number;
  /** The newest version: the one the candidate works on. */
  latest: boolean;
  /** The viewer may open it (an EQA sees only versions submitted to a unit shared with them). */
  readable: boolean;
};

type Link = { id: string; version: number; revisionOfId: string | null; revisedAs: { id: string } | null };

const linkSelect = { id: true, version: true, revisionOfId: true, revisedAs: { select: { id: true } } } as const;

/**
 * Every version of the evidence, oldest first, or none when it was never revised. Throws when
 * the viewer may not read `evidenceId` itself.
 */
export async function listEvidenceVersions(db: Db, actor: Actor, evidenceId: string): Promise<EvidenceVersion[]> {
  if (!can(actor, "evidence.read", await loadEvidenceResource(db, evidenceId)))
    throw new AppError("That evidence does not exist or has been removed.", "versions of unreadable evidence");
  const start = await db.evidence.findUnique({ where: { id: evidenceId }, select: linkSelect });
  if (!start || (!start.revisionOfId && !start.revisedAs)) return [];

  const chain: Link[] = [start];
  for (let back = start.revisionOfId; back;) {
    const row: Link | null = await db.evidence.findUnique({ where: { id: back }, select: linkSelect });
    if (!row) break;
    chain.unshift(row);
    back = row.revisionOfId;
  }
  for (let next = start.revisedAs?.id; next;) {
    const row: Link | null = await db.evidence.findUnique({ where: { id: next }, select: linkSelect });
    if (!row) break;
    chain.push(row);
    next = row.revisedAs?.id;
  }
  const versions: EvidenceVersion[] = [];
  for (const row of chain) {
    const readable = row.id === evidenceId || can(actor, "evidence.read", await loadEvidenceResource(db, row.id));
    versions.push({ id: row.id, version: row.version, latest: row.revisedAs === null, readable });
  }
  return versions;
}
