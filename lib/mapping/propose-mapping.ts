import { recordAudit } from "../audit";

import { authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { loadEnrolmentResource } from "../enrolments/enrolment-resource";

import { AppError, isUniqueViolation, parseInput } from "../errors";

import { assertLatestVersion } from "../evidence/evidence-lock";

import { loadEvidenceResource } from "../evidence/evidence-resource";

import { ProposeMappingInput } from "./input";
import { mappingWarnings } from "./mapping-warnings";

import { rewriteClaim } from "./candidate-change";
import {
  acceptedMappingCannotBeChanged,
  requireActiveEnrolment,
  requireRangeItemsOf,
  simulationRefusal,
} from "./rules";

import type { MappingStatus } from "./status-words";
import { refreshEnrolmentCounters } from "../progress/enrolment-counters";

export type ProposedMapping = {
  mappingId: string;
  /** False when the evidence was already mapped to this criterion and its range items changed. */
  created: boolean;
  status: MappingStatus;
  unitCode: string;
  criterionRef: string;
  rangeItemIds: string[];
  /** Allowed, but worth a second look (e.g. a method the unit does not list for the group). */
  warnings: string[];
};

/** "Mapped to CS34 1.2." or, when it was mapped already, "Updated the mapping to CS34 1.2." */
export function mappedWords(mapping: Pick<ProposedMapping, "created" | "unitCode" | "criterionRef">): string {
  return `${mapping.created ? "Mapped to" : "Updated the mapping to"} ${mapping.unitCode} ${mapping.criterionRef}.`;
}

function notYourUnit(): AppError {
  return new AppError(
    "You can only map your own evidence to your own units.",
    "evidence and enrolment belong to different candidates or centres",
  );
}

function enrolmentNotFound(): AppError {
  return new AppError("That unit enrolment was not found. Reload the page and try again.", "enrolment not found");
}

export type ProposeMappingInputData = ReturnType<typeof ProposeMappingInput.parse>;

/**
 * The candidate claims that one of their evidence items proves a criterion of one of their
 * active enrolments, covering the range items given. Mapping the same evidence to the same
 * criterion again replaces the range items, unless an assessor has accepted the mapping.
 */
export async function proposeMapping(
  db: Db,
  actor: Actor,
  rawInput: ProposeMappingInput,
  now: Date = new Date(),
): Promise<ProposedMapping> {
  const input = parseInput(ProposeMappingInput, rawInput);
  await authorizeMappingTargets(db, actor, input.evidenceId, [input.enrolmentId], now);
  return writeClaim(db, actor, input);
}

/**
 * Whether the actor may map this evidence to each of these enrolments (the policy's
 * mapping.propose on both); throws the refusal, before anything is written.
 */
export async function authorizeMappingTargets(
  db: Db,
  actor: Actor,
  evidenceId: string,
  enrolmentIds: readonly string[],
  now: Date,
): Promise<void> {
  authorize(actor, "mapping.propose", await loadEvidenceResource(db, evidenceId), now);
  for (const enrolmentId of new Set(enrolmentIds)) {
    const enrolmentResource = await loadEnrolmentResource(db, enrolmentId);
    if (!enrolmentResource) throw enrolmentNotFound();
    authorize(actor, "mapping.propose", enrolmentResource, now);
  }
}

/**
 * One claim, in its own transaction, checked against every rule of its unit (the same rules
 * whether it is claimed alone or with its equivalents in other units). Call it only after
 * `authorizeMappingTargets`; ownership is checked again inside the transaction.
 */
export async function writeClaim(db: Db, actor: Actor, input: ProposeMappingInputData): Promise<ProposedMapping> {
  try {
    return await writeMapping(db, actor, input);
  } catch (error) {
    // Two requests mapped the same evidence to the same criterion at once: the unique index
    // let one create the row, so this one now finds it and updates it instead.
    if (isUniqueViolation(error)) return writeMapping(db, actor, input);
    throw error;
  }
}

async function writeMapping(db: Db, actor: Actor, input: ProposeMappingInputData): Promise<ProposedMapping> {
  return db.$transaction(async (tx) => {
    const evidence = await latestEvidence(tx, input.evidenceId);
    const enrolment = await enrolmentToMapTo(tx, input.enrolmentId);
    if (
      evidence.candidateId !== actor.userId ||
      enrolment.candidateId !== evidence.candidateId ||
      enrolment.centreId !== evidence.centreId
    )
      throw notYourUnit();
    requireActiveEnrolment(enrolment.status, "map evidence to it");
    const unitCode = enrolment.unitVersion.unit.code;
    const criterion = await criterionToMapTo(tx, input.criterionId, enrolment);
    requireRangeItemsOf(
      { ref: criterion.ref, rangeItemIds: criterion.rangeItems.map((r) => r.id) },
      input.rangeItemIds,
    );
    if (evidence.simulated) {
      const refusal = simulationRefusal(unitCode, enrolment.unitVersion.requirements);
      if (refusal) throw new AppError(refusal, "simulated evidence refused by an evidence requirement");
    }

    const key = { evidenceId: evidence.id, criterionId: criterion.id, enrolmentId: enrolment.id };
    const existing = await tx.mapping.findUnique({
      where: { evidenceId_criterionId_enrolmentId: key },
      select: { id: true, status: true, rangeItems: { select: { rangeItemId: true } } },
    });
    if (existing?.status === "ACCEPTED") throw new AppError(acceptedMappingCannotBeChanged);
    const { mappingId, status } = existing
      ? { mappingId: existing.id, status: await rewriteClaim(tx, existing, input.rangeItemIds) }
      : await createClaim(tx, key, input.rangeItemIds);
    await refreshEnrolmentCounters(tx, [enrolment.id]);

    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: enrolment.centreId,
      action: existing ? "mapping.update" : "mapping.propose",
      entityType: "Mapping",
      entityId: mappingId,
      before: existing
        ? { status: existing.status, rangeItemIds: existing.rangeItems.map((r) => r.rangeItemId) }
        : undefined,
      after: { ...key, status, rangeItemIds: input.rangeItemIds },
    });

    return {
      mappingId,
      created: !existing,
      status,
      unitCode,
      criterionRef: criterion.ref,
      rangeItemIds: input.rangeItemIds,
      warnings: mappingWarnings({ evidenceMethod: evidence.method, group: criterion.group }),
    };
  });
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The evidence item as it is now; only its latest version can be mapped. */
async function latestEvidence(tx: Tx, evidenceId: string) {
  const evidence = await tx.evidence.findUnique({
    where: { id: evidenceId },
    select: {
      id: true,
      centreId: true,
      candidateId: true,
      simulated: true,
      method: true,
      version: true,
      revisedAs: { select: { id: true, version: true } },
    },
  });
  if (!evidence) throw new AppError("That evidence does not exist or has been removed.");
  assertLatestVersion(evidence, evidence.id);
  return evidence;
}

/** The enrolment as it is now, with its unit version's evidence requirements (for the simulation rule). */
async function enrolmentToMapTo(tx: Tx, enrolmentId: string) {
  const enrolment = await tx.enrolment.findUnique({
    where: { id: enrolmentId },
    select: {
      id: true,
      centreId: true,
      candidateId: true,
      status: true,
      unitVersionId: true,
      unitVersion: {
        select: {
          number: true,
          unit: { select: { code: true } },
          requirements: { select: { ref: true, text: true, checks: true }, orderBy: { position: "asc" } },
        },
      },
    },
  });
  if (!enrolment) throw enrolmentNotFound();
  return enrolment;
}

/** The criterion, if it is one of the unit version the enrolment is pinned to. */
async function criterionToMapTo(
  tx: Tx,
  criterionId: string,
  enrolment: { unitVersionId: string; unitVersion: { number: number; unit: { code: string } } },
) {
  const criterion = await tx.criterion.findUnique({
    where: { id: criterionId },
    select: {
      id: true,
      ref: true,
      unitVersionId: true,
      group: { select: { title: true, assessmentMethods: true } },
      rangeItems: { select: { id: true } },
    },
  });
  if (!criterion || criterion.unitVersionId !== enrolment.unitVersionId) {
    throw new AppError(
      `That criterion is not part of version ${enrolment.unitVersion.number} of ${enrolment.unitVersion.unit.code}, the version you are enrolled on. Choose a criterion from the list for this unit.`,
      "criterion not in the enrolment's unit version",
    );
  }
  return criterion;
}

async function createClaim(
  tx: Tx,
  key: { evidenceId: string; criterionId: string; enrolmentId: string },
  rangeItemIds: string[],
): Promise<{ mappingId: string; status: MappingStatus }> {
  const status = "PROPOSED";
  const created = await tx.mapping.create({
    data: { ...key, status, rangeItems: { create: rangeItemIds.map((rangeItemId) => ({ rangeItemId })) } },
    select: { id: true },
  });
  return { mappingId: created.id, status };
}
