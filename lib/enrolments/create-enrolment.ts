import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import type { EnrolmentSummary } from "./dto";
import { enrolMany } from "./enrol-many";
import type { CreateEnrolmentInput } from "./input";

/** One candidate and one unit: the fields of CreateEnrolmentInput with a single value each. */
export type CreateOneEnrolmentInput = Omit<CreateEnrolmentInput, "candidateId" | "unitCode"> & {
  candidateId: string;
  unitCode: string;
};

/**
 * Enrols one candidate of the admin's centre on the latest version of one unit, with an
 * assessor and an internal quality assurer of the same centre. The version is pinned: a later
 * import of new text does not change what this enrolment is assessed against. The rules are
 * enrolMany's; an existing active enrolment on the unit is refused there, as nothing is left
 * to enrol.
 */
export async function createEnrolment(db: Db, actor: Actor, input: CreateOneEnrolmentInput): Promise<EnrolmentSummary> {
  const { created } = await enrolMany(db, actor, input);
  const enrolment = created[0];
  if (!enrolment || created.length !== 1) throw new Error(`createEnrolment made ${created.length} enrolments`);
  return enrolment;
}
