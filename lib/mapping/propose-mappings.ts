import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError, parseInput } from "../errors";
import { logUnexpected } from "../ops/log";
import { ProposeMappingsInput } from "./input";
import { authorizeMappingTargets, mappedWords, writeClaim, type ProposedMapping } from "./propose-mapping";

// Claiming in one step (issue #18): one evidence item mapped to a criterion and its equivalents
// in the candidate's other units. Every claim goes through the same rules as a claim on its own
// (lib/mapping/propose-mapping.ts), each in its own transaction, so one unit refusing the
// evidence (CU782 takes no simulation; each criterion checks its own range items) leaves the
// claims the other units accept standing, and the refusal says which unit refused and why.
// Who may claim is decided for every target before anything is written: a claim on an
// enrolment that is not the actor's refuses the whole step, and nothing is written.

type ClaimTarget = {
  enrolmentId: string;
  criterionId: string;
  /** The unit and criterion in words, for the message; named even when the claim is refused. */
  unitCode: string;
  criterionRef: string;
};

export type ClaimOutcome = ClaimTarget &
  (
    | { ok: true; mapping: ProposedMapping; message: string }
    /** `reason` is the unit's own refusal; `message` says which unit refused it. */
    | { ok: false; reason: string; message: string }
  );

export type ProposedMappings = {
  evidenceId: string;
  /** In the order the claims were given: the criterion being mapped first, then its equivalents. */
  outcomes: ClaimOutcome[];
  mapped: number;
  refused: number;
};

const somethingWentWrong =
  "Something went wrong on our side and this claim was not saved. Try again in a minute; if it keeps happening, tell your centre admin.";

export function refusedWords(target: Pick<ClaimTarget, "unitCode" | "criterionRef">, reason: string): string {
  return `${target.unitCode} refused the claim on ${target.criterionRef}: ${reason}`;
}

export async function proposeMappings(
  db: Db,
  actor: Actor,
  rawInput: ProposeMappingsInput,
  now: Date = new Date(),
): Promise<ProposedMappings> {
  const input = parseInput(ProposeMappingsInput, rawInput);
  await authorizeMappingTargets(
    db,
    actor,
    input.evidenceId,
    input.claims.map((c) => c.enrolmentId),
    now,
  );
  const names = await namesOfTargets(db, input.claims);

  const outcomes: ClaimOutcome[] = [];
  for (const claim of input.claims) {
    const target = { ...claim, ...names(claim) };
    try {
      const mapping = await writeClaim(db, actor, { evidenceId: input.evidenceId, ...claim });
      outcomes.push({
        ...targetOf(target),
        unitCode: mapping.unitCode,
        ok: true,
        mapping,
        message: mappedWords(mapping),
      });
    } catch (error) {
      // The claims before this one are committed, so the step goes on and reports each claim.
      if (!(error instanceof AppError)) logUnexpected("claim across units failed", error, { userId: actor.userId });
      const reason = error instanceof AppError ? error.userMessage : somethingWentWrong;
      outcomes.push({ ...targetOf(target), ok: false, reason, message: refusedWords(target, reason) });
    }
  }
  const mapped = outcomes.filter((o) => o.ok).length;
  return { evidenceId: input.evidenceId, outcomes, mapped, refused: outcomes.length - mapped };
}

function targetOf({ enrolmentId, criterionId, unitCode, criterionRef }: ClaimTarget): ClaimTarget {
  return { enrolmentId, criterionId, unitCode, criterionRef };
}

/** The unit code and criterion reference of each target, read once (the claim itself reads them again in its transaction). */
async function namesOfTargets(db: Db, claims: readonly { enrolmentId: string; criterionId: string }[]) {
  const [enrolments, criteria] = await Promise.all([
    db.enrolment.findMany({
      where: { id: { in: claims.map((c) => c.enrolmentId) } },
      select: { id: true, unitVersion: { select: { unit: { select: { code: true } } } } },
    }),
    db.criterion.findMany({ where: { id: { in: claims.map((c) => c.criterionId) } }, select: { id: true, ref: true } }),
  ]);
  const code = new Map(enrolments.map((e) => [e.id, e.unitVersion.unit.code]));
  const ref = new Map(criteria.map((c) => [c.id, c.ref]));
  return (claim: { enrolmentId: string; criterionId: string }) => ({
    unitCode: code.get(claim.enrolmentId) ?? "This unit",
    criterionRef: ref.get(claim.criterionId) ?? "a criterion that no longer exists",
  });
}
