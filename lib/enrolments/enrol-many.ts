import { recordAudits } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError, InputError, parseInput, type FieldErrors } from "../errors";
import { startOfDayIn } from "../format/date";
import { enrolmentSummarySelect, toEnrolmentSummary, type EnrolmentSummary } from "./dto";
import { CreateEnrolmentInput } from "./input";
import { holdersOf, holdsRole } from "./members";
import { plannedPeriod } from "./planned-period";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Input = ReturnType<typeof CreateEnrolmentInput.parse>;
type LatestVersion = { unitId: string; code: string; versionId: string; versionNumber: number };

export type EnrolManyReport = {
  /** The enrolments made, by candidate then unit. */
  created: EnrolmentSummary[];
  /** Active enrolments the submission asked for again: left as they were, and not made twice. */
  alreadyEnrolled: EnrolmentSummary[];
};

/**
 * Enrols each chosen candidate of the admin's centre on each chosen unit (its latest version,
 * pinned), with one assessor, one IQA and one planned period, in one transaction: if anything
 * is refused nothing is made. A candidate who already has an active enrolment on a chosen unit
 * is skipped and reported, not refused: re-sending a cohort's enrolment after adding a few
 * people should enrol just the new ones. When every pair is already enrolled there is nothing
 * to do, and that is a refusal that says so. At most MAX_ENROLMENTS_AT_ONCE pairs per call.
 */
export async function enrolMany(db: Db, actor: Actor, rawInput: CreateEnrolmentInput): Promise<EnrolManyReport> {
  const input = parseInput(CreateEnrolmentInput, rawInput);
  authorize(actor, "enrolment.create", { kind: "centre", centreId: input.centreId });

  const { createdIds, existingIds } = await db.$transaction(async (tx) => {
    const centre = await tx.centre.findUnique({ where: { id: input.centreId }, select: { id: true, timeZone: true } });
    if (!centre)
      throw new AppError(
        "That centre no longer exists. Reload the page and try again.",
        `centre ${input.centreId} not found`,
      );
    const fieldErrors = await peopleProblems(tx, centre.id, input);
    const units = await latestVersions(tx, input.unitCode, fieldErrors);
    if (Object.keys(fieldErrors).length > 0) throw InputError.forFields(fieldErrors);

    const existing = await tx.enrolment.findMany({
      where: {
        centreId: centre.id,
        candidateId: { in: input.candidateId },
        status: "ACTIVE",
        unitVersion: { unitId: { in: units.map((u) => u.unitId) } },
      },
      select: { id: true, candidateId: true, unitVersion: { select: { unitId: true } } },
    });
    const taken = new Set(existing.map((e) => `${e.candidateId} ${e.unitVersion.unitId}`));
    const pairs = input.candidateId.flatMap((candidateId) =>
      units.filter((unit) => !taken.has(`${candidateId} ${unit.unitId}`)).map((unit) => ({ candidateId, unit })),
    );
    if (pairs.length === 0) throw nothingToEnrol(existing.length, units[0]?.code);

    const created = await createEnrolments(tx, actor, input, centre, pairs, units);
    return { createdIds: created.map((e) => e.id), existingIds: existing.map((e) => e.id) };
  });

  return { created: await summaries(db, createdIds), alreadyEnrolled: await summaries(db, existingIds) };
}

/** Whether the chosen people hold the roles they are chosen for at this centre, by form field. */
async function peopleProblems(tx: Tx, centreId: string, input: Input): Promise<FieldErrors> {
  const fieldErrors: FieldErrors = {};
  const one = input.candidateId.length === 1;
  // One after another: a transaction has one connection, and PostgreSQL's driver queues
  // rather than runs concurrent queries on it.
  const candidates = await holdersOf(tx, centreId, "CANDIDATE", input.candidateId);
  const isAssessor = await holdsRole(tx, centreId, "ASSESSOR", input.assessorId);
  const isIqa = await holdsRole(tx, centreId, "IQA", input.iqaId);
  const strangers = input.candidateId.filter((id) => !candidates.has(id)).length;
  if (strangers > 0)
    fieldErrors.candidateId = [
      one
        ? "The chosen person is not a candidate at this centre. Choose someone who holds the candidate role here."
        : `${strangers} of the ${input.candidateId.length} chosen people ${strangers === 1 ? "is not a candidate" : "are not candidates"} at this centre. Reload the page and choose only people who hold the candidate role here.`,
    ];
  const assessorProblem = staffProblem(input.candidateId, input.assessorId, isAssessor, one, {
    notInRole: "The chosen assessor does not hold the assessor role at this centre. Choose an assessor of this centre.",
    ownOne: "A candidate cannot assess their own enrolment. Choose another assessor.",
    ownMany:
      "The assessor is one of the chosen candidates, and a candidate cannot assess their own enrolment. Choose another assessor, or leave them out of the candidates.",
  });
  if (assessorProblem) fieldErrors.assessorId = [assessorProblem];
  const iqaProblem = staffProblem(input.candidateId, input.iqaId, isIqa, one, {
    notInRole:
      "The chosen internal quality assurer does not hold the IQA role at this centre. Choose an IQA of this centre.",
    ownOne: "A candidate cannot quality-assure their own enrolment. Choose another IQA.",
    ownMany:
      "The IQA is one of the chosen candidates, and a candidate cannot quality-assure their own enrolment. Choose another IQA, or leave them out of the candidates.",
  });
  if (iqaProblem) fieldErrors.iqaId = [iqaProblem];
  return fieldErrors;
}

/**
 * Makes the enrolments, each with its first assessor recorded and its own audit event (as when
 * enrolling one at a time).
 */
async function createEnrolments(
  tx: Tx,
  actor: Actor,
  input: Input,
  centre: { id: string; timeZone: string },
  pairs: { candidateId: string; unit: LatestVersion }[],
  units: LatestVersion[],
): Promise<{ id: string }[]> {
  const period = plannedPeriod(
    startOfDayIn(input.startDate, centre.timeZone),
    startOfDayIn(input.plannedEndDate, centre.timeZone),
  );
  const created = await tx.enrolment.createManyAndReturn({
    data: pairs.map(({ candidateId, unit }) => ({
      centreId: centre.id,
      candidateId,
      unitVersionId: unit.versionId,
      assessorId: input.assessorId,
      iqaId: input.iqaId,
      ...period,
    })),
    select: { id: true, candidateId: true, unitVersionId: true },
  });
  await tx.assessorChange.createMany({
    data: created.map((e) => ({
      enrolmentId: e.id,
      fromAssessorId: null,
      toAssessorId: input.assessorId,
      changedById: actor.userId,
    })),
  });
  const unitByVersion = new Map(units.map((u) => [u.versionId, u]));
  // One audit event per enrolment, as when enrolling one at a time.
  await recordAudits(
    tx,
    created.map((e) => {
      const unit = unitByVersion.get(e.unitVersionId);
      return {
        actorId: actor.userId,
        centreId: centre.id,
        action: "enrolment.create",
        entityType: "Enrolment",
        entityId: e.id,
        after: {
          candidateId: e.candidateId,
          unitCode: unit?.code,
          unitVersionId: e.unitVersionId,
          unitVersionNumber: unit?.versionNumber,
          assessorId: input.assessorId,
          iqaId: input.iqaId,
          startDate: period.startDate.toISOString(),
          plannedEndDate: period.plannedEndDate.toISOString(),
        },
      };
    }),
  );
  return created;
}

/** The enrolments as the report lists them: by candidate, then unit. */
async function summaries(db: Db, ids: string[]): Promise<EnrolmentSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db.enrolment.findMany({
    where: { id: { in: ids } },
    select: enrolmentSummarySelect,
    orderBy: [
      { candidate: { name: "asc" } },
      { candidate: { email: "asc" } },
      { unitVersion: { unit: { code: "asc" } } },
    ],
  });
  return rows.map(toEnrolmentSummary);
}

/**
 * Why the chosen assessor or IQA cannot take these enrolments, or null: they must hold the role
 * at this centre and must not be one of the candidates (no one assesses their own work).
 */
function staffProblem(
  candidateIds: readonly string[],
  staffId: string,
  holdsTheRole: boolean,
  oneCandidate: boolean,
  words: { notInRole: string; ownOne: string; ownMany: string },
): string | null {
  if (!holdsTheRole) return words.notInRole;
  if (candidateIds.includes(staffId)) return oneCandidate ? words.ownOne : words.ownMany;
  return null;
}

/** Each chosen unit's latest version, the one a new enrolment is pinned to; unknown codes go into fieldErrors. */
async function latestVersions(tx: Tx, codes: string[], fieldErrors: FieldErrors): Promise<LatestVersion[]> {
  const units = await tx.unit.findMany({
    where: { code: { in: codes } },
    select: {
      id: true,
      code: true,
      versions: { select: { id: true, number: true }, orderBy: { number: "desc" }, take: 1 },
    },
    orderBy: { code: "asc" },
  });
  const found = units.flatMap((u) =>
    u.versions[0]
      ? [{ unitId: u.id, code: u.code, versionId: u.versions[0].id, versionNumber: u.versions[0].number }]
      : [],
  );
  const unknown = codes.filter((code) => !found.some((u) => u.code === code));
  if (unknown.length > 0)
    fieldErrors.unitCode = [
      codes.length === 1
        ? "That unit is not in the catalogue. Choose a unit from the list."
        : `${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not in the catalogue. Choose units from the list.`,
    ];
  return found;
}

function nothingToEnrol(pairs: number, unitCode: string | undefined): InputError {
  return InputError.forField(
    "unitCode",
    pairs === 1
      ? `This candidate already has an active enrolment on ${unitCode}. Withdraw it first if they are starting again.`
      : `Nothing was enrolled: all ${pairs} chosen candidate and unit pairs already have an active enrolment. Choose other candidates or units, or withdraw an enrolment first if a candidate is starting again.`,
  );
}
