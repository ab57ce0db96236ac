import { recordAudit } from "../audit";
import { can, forbidden, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { loadEnrolmentResources } from "../enrolments/enrolment-resource";
import { AppError, parseInput } from "../errors";
import { MarkExpertWitnessInput } from "./schemas";

type Reader = Pick<Db, "witnessRequest" | "mapping" | "enrolment" | "eqaShare">;

const notATestimony = () => new AppError("That evidence is not a witness testimony. Reload the page and try again.");

/**
 * Whether the actor may judge the testimony's witness an expert: the assigned assessor of a unit
 * the testimony is mapped to (the policy's witness.markExpert).
 */
export async function mayMarkExpert(db: Reader, actor: Actor, evidenceId: string, now: Date): Promise<boolean> {
  const mapped = await db.mapping.findMany({ where: { evidenceId }, select: { enrolmentId: true } });
  const enrolments = await loadEnrolmentResources(db, { id: { in: mapped.map((m) => m.enrolmentId) } });
  return enrolments.some((e) => can(actor, "witness.markExpert", e, now));
}

/**
 * The assessor records that the witness is occupationally competent in the area: an expert
 * witness, whose testimony may carry more weight. Once; the judgement and who made it are kept.
 */
export async function markExpertWitness(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  now: Date = new Date(),
): Promise<{ evidenceId: string }> {
  const { evidenceId } = parseInput(MarkExpertWitnessInput, rawInput);
  if (!(await db.witnessRequest.findUnique({ where: { evidenceId }, select: { id: true } }))) throw notATestimony();
  if (!(await mayMarkExpert(db, actor, evidenceId, now))) throw forbidden("witness.markExpert");

  return db.$transaction(async (tx) => {
    if (!(await mayMarkExpert(tx, actor, evidenceId, now))) throw forbidden("witness.markExpert");
    const request = await tx.witnessRequest.findUnique({
      where: { evidenceId },
      select: { id: true, centreId: true, expertMarkedAt: true },
    });
    if (!request) throw notATestimony();
    const updated = await tx.witnessRequest.updateMany({
      where: { id: request.id, expertMarkedAt: null },
      data: { expertMarkedAt: now, expertMarkedById: actor.userId },
    });
    if (updated.count !== 1) throw new AppError("This witness has already been marked as an expert witness.");
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: request.centreId,
      action: "witness.markExpert",
      entityType: "WitnessRequest",
      entityId: request.id,
      before: { expertMarkedAt: null },
      after: { expertMarkedAt: now.toISOString(), evidenceId },
      at: now,
    });
    return { evidenceId };
  });
}
