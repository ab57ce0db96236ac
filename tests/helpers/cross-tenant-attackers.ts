// Who the cross-tenant suite signs in as, against Cara Jones's portfolio at Northgate
// (tests/helpers/cross-tenant-fixture.ts). No imports: the suite lists its tests from this
// before any app module (and so the environment) is loaded.

export const attackerEmails = {
  /** A centre admin, of Riverside: every target is Northgate's. */
  foreignAdmin: "admin@riverside.example",
  /** A candidate of Riverside. */
  foreignCandidate: "candidate@riverside.example",
  /** Another candidate of Northgate, the target's own centre. */
  otherCandidate: "candidate2@northgate.example",
  /** A Northgate assessor, assigned to the other candidate's enrolment but none of the target's. */
  unassignedAssessor: "assessor2@northgate.example",
  /** Northgate's EQA: shared the other candidate's enrolment now, the target's only in the past. */
  outOfScopeEqa: "eqa@awarding.example",
} as const;

export type AttackerKey = keyof typeof attackerEmails;
export const attackerKeys = Object.keys(attackerEmails) as AttackerKey[];
