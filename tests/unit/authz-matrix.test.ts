import { describe, expect, it } from "vitest";
import {
  actions,
  can,
  evidenceSight,
  roles,
  type Action,
  type Actor,
  type EvidenceResource,
  type Resource,
  type Role,
} from "@/lib/authz/policy";

// Walks every role against every action, on a resource of the actor's own centre and of
// another centre. The expected table is written out by hand: a change to the policy must
// change this table too.

const here = "centre-here";
const elsewhere = "centre-elsewhere";
const me = "user-me";
const now = new Date("2026-11-23T12:00:00Z");

function actor(role: Role | null, centreId = here, extra: Partial<Actor> = {}): Actor {
  return { userId: me, isPlatformAdmin: false, memberships: role ? [{ centreId, role }] : [], ...extra };
}

/** An enrolment where "me" plays the part the role implies (own candidate, assigned assessor, ...). */
function enrolmentFor(role: Role, centreId: string): Resource {
  return {
    kind: "enrolment",
    centreId,
    candidateId: role === "CANDIDATE" ? me : "someone",
    assessorId: role === "ASSESSOR" ? me : "another-assessor",
    iqaId: role === "IQA" ? me : "another-iqa",
    eqaShares: role === "EQA" ? [{ eqaUserId: me, expiresAt: new Date("2027-01-01") }] : [],
  };
}

const enrolmentActions: Action[] = actions
  .filter((a) => a.startsWith("enrolment.") && a !== "enrolment.create")
  .concat([
    "evidence.read",
    "evidence.create",
    "evidence.update",
    "evidence.delete",
    "evidence.revise",
    "mapping.propose",
    "declaration.record",
    "mapping.review",
    "criterion.signOff",
    "requirement.confirm",
    "unit.signOff",
    "decision.revoke",
    "qa.comment",
    "observation.record",
    "evidence.respond",
    "witness.request",
    "witness.revoke",
    "witness.markExpert",
    "question.set",
    "question.answer",
    "question.mark",
    "plan.manage",
    "plan.agree",
    "qa.sample",
    "pack.download",
    "credential.read",
  ]);

const allowedOnOwnEnrolment: Record<Role, Action[]> = {
  CANDIDATE: [
    "enrolment.read",
    "evidence.read",
    "evidence.create",
    "evidence.update",
    "evidence.delete",
    "evidence.revise",
    "mapping.propose",
    "declaration.record",
    "qa.comment",
    "witness.request",
    "witness.revoke",
    "question.answer",
    "plan.agree",
    "pack.download",
    "credential.read",
  ],
  ASSESSOR: [
    "enrolment.read",
    "evidence.read",
    "mapping.review",
    "criterion.signOff",
    "requirement.confirm",
    "unit.signOff",
    "decision.revoke",
    "qa.comment",
    "observation.record",
    "witness.request",
    "witness.revoke",
    "witness.markExpert",
    "question.set",
    "question.mark",
    "plan.manage",
    "pack.download",
  ],
  IQA: ["enrolment.read", "evidence.read", "decision.revoke", "qa.comment", "qa.sample", "pack.download"],
  CENTRE_ADMIN: [
    "enrolment.read",
    "enrolment.changeAssessor",
    "enrolment.withdraw",
    "enrolment.share",
    "evidence.read",
    "pack.download",
    "credential.read",
  ],
  EQA: ["enrolment.read", "evidence.read"],
};

/**
 * A piece of evidence owned by the candidate of `enrolmentFor(role)` (so the actor's own for a
 * candidate), seen through that enrolment: a draft never submitted there, or submitted there.
 */
function evidenceFor(role: Role, centreId: string, submittedHere: boolean): EvidenceResource {
  const {
    kind: _kind,
    centreId: _centre,
    candidateId,
    ...enrolment
  } = enrolmentFor(role, centreId) as Extract<Resource, { kind: "enrolment" }>;
  return { kind: "evidence", centreId, candidateId, enrolments: [{ ...enrolment, submittedHere }] };
}

// Evidence is changed only by its owner; reading it is the owner's, a centre admin's, and the
// assessor's or IQA's of any of the owner's enrolments, drafts included. An EQA reads only what
// was submitted to an enrolment shared with them. (Admins and candidates act through the owner,
// so the owner's enrolment rights show on evidence too.)
const allowedOnEvidence: Record<Role, { draft: Action[]; submitted: Action[] }> = {
  CANDIDATE: {
    draft: [
      "enrolment.read",
      "evidence.read",
      "evidence.create",
      "evidence.update",
      "evidence.delete",
      "evidence.revise",
      "mapping.propose",
      "declaration.record",
      "qa.comment",
      "witness.request",
      "witness.revoke",
      "question.answer",
      "plan.agree",
      "pack.download",
      "credential.read",
    ],
    submitted: [
      "enrolment.read",
      "evidence.read",
      "evidence.create",
      "evidence.update",
      "evidence.delete",
      "evidence.revise",
      "mapping.propose",
      "declaration.record",
      "qa.comment",
      "witness.request",
      "witness.revoke",
      "question.answer",
      "plan.agree",
      "pack.download",
      "credential.read",
    ],
  },
  ASSESSOR: { draft: ["evidence.read"], submitted: ["evidence.read"] },
  IQA: { draft: ["evidence.read"], submitted: ["evidence.read"] },
  CENTRE_ADMIN: {
    draft: [
      "enrolment.read",
      "enrolment.changeAssessor",
      "enrolment.withdraw",
      "enrolment.share",
      "evidence.read",
      "pack.download",
      "credential.read",
    ],
    submitted: [
      "enrolment.read",
      "enrolment.changeAssessor",
      "enrolment.withdraw",
      "enrolment.share",
      "evidence.read",
      "pack.download",
      "credential.read",
    ],
  },
  EQA: { draft: [], submitted: ["evidence.read"] },
};

const centreActions: Action[] = [
  "centre.readDashboard",
  "user.list",
  "user.invite",
  "user.changeRoles",
  "user.deactivate",
  "outbox.read",
  "enrolment.create",
  "audit.read",
];

/** Quality assurance on the centre: who may do it there (docs/decisions/0020). */
const qaCentreActions: Partial<Record<Action, Role[]>> = {
  "qa.manageStrategy": ["IQA"],
  "qa.createPlan": ["IQA"],
  "qa.readStrategy": ["IQA", "CENTRE_ADMIN"],
  "qa.readReport": ["IQA", "CENTRE_ADMIN"],
  "visit.manage": ["CENTRE_ADMIN"],
  "credential.listIssued": ["CENTRE_ADMIN"],
  "credential.rotateKey": ["CENTRE_ADMIN"],
};

describe("authorization matrix", () => {
  for (const role of Object.keys(allowedOnOwnEnrolment) as Role[]) {
    describe(role, () => {
      for (const action of enrolmentActions) {
        const expected = allowedOnOwnEnrolment[role].includes(action);
        it(`${expected ? "may" : "may not"} ${action} on an enrolment of their own centre`, () => {
          expect(can(actor(role), action, enrolmentFor(role, here), now)).toBe(expected);
        });
        it(`may not ${action} on an enrolment of another centre`, () => {
          expect(can(actor(role), action, enrolmentFor(role, elsewhere), now)).toBe(false);
        });
      }
      for (const stage of ["draft", "submitted"] as const) {
        for (const action of enrolmentActions) {
          const expected = allowedOnEvidence[role][stage].includes(action);
          it(`${expected ? "may" : "may not"} ${action} on evidence ${stage === "draft" ? "never submitted" : "submitted"} to their enrolment, and never in another centre`, () => {
            expect(can(actor(role), action, evidenceFor(role, here, stage === "submitted"), now)).toBe(expected);
            expect(can(actor(role), action, evidenceFor(role, elsewhere, stage === "submitted"), now)).toBe(false);
          });
        }
      }
      for (const [action, allowed] of Object.entries(qaCentreActions) as [Action, Role[]][]) {
        const expected = allowed.includes(role);
        it(`${expected ? "may" : "may not"} ${action} in their own centre, and never in another`, () => {
          expect(can(actor(role), action, { kind: "centre", centreId: here }, now)).toBe(expected);
          expect(can(actor(role), action, { kind: "centre", centreId: elsewhere }, now)).toBe(false);
        });
      }
      for (const action of centreActions) {
        const expected = role === "CENTRE_ADMIN";
        it(`${expected ? "may" : "may not"} ${action} in their own centre, and never in another`, () => {
          expect(can(actor(role), action, { kind: "centre", centreId: here }, now)).toBe(expected);
          expect(can(actor(role), action, { kind: "centre", centreId: elsewhere }, now)).toBe(false);
        });
      }
    });
  }

  it("an assessor's record is changed only by its author while assessing the candidate; the candidate answers it", () => {
    const observation = (authorId: string, assessorId: string): EvidenceResource => ({
      kind: "evidence",
      centreId: here,
      candidateId: "c",
      enrolments: [{ assessorId, iqaId: "i", submittedHere: true }],
      origin: { by: "assessor", authorId },
    });
    const changes: Action[] = ["evidence.update", "evidence.delete", "evidence.revise", "mapping.propose"];
    for (const action of changes) {
      expect(can(actor("ASSESSOR"), action, observation(me, me), now)).toBe(true);
      // Another assessor's record, or mine after the candidate moved to another assessor.
      expect(can(actor("ASSESSOR"), action, observation("other-assessor", me), now)).toBe(false);
      expect(can(actor("ASSESSOR"), action, observation(me, "other-assessor"), now)).toBe(false);
      expect(can(actor("ASSESSOR", elsewhere), action, observation(me, me), now)).toBe(false);
      // The candidate it is about does not rewrite it.
      expect(can({ ...actor("CANDIDATE"), userId: "c" }, action, observation("a", "a"), now)).toBe(false);
    }
    expect(can({ ...actor("CANDIDATE"), userId: "c" }, "evidence.respond", observation("a", "a"), now)).toBe(true);
    expect(can(actor("CANDIDATE"), "evidence.respond", observation("a", "a"), now)).toBe(false);
    expect(can(actor("ASSESSOR"), "evidence.respond", observation(me, me), now)).toBe(false);
    expect(can({ ...actor("IQA"), userId: "i" }, "evidence.read", observation("a", "a"), now)).toBe(true);
  });

  it("a witness testimony is never changed, by the candidate or the assessor", () => {
    const testimony: EvidenceResource = {
      kind: "evidence",
      centreId: here,
      candidateId: me,
      enrolments: [{ assessorId: "a", iqaId: "i", submittedHere: true }],
      origin: { by: "witness" },
    };
    const assessor = { ...actor("ASSESSOR"), userId: "a" };
    for (const action of ["evidence.update", "evidence.delete", "evidence.revise", "mapping.propose"] as Action[]) {
      expect(can(actor("CANDIDATE"), action, testimony, now)).toBe(false);
      expect(can(assessor, action, testimony, now)).toBe(false);
    }
    expect(can(actor("CANDIDATE"), "evidence.respond", testimony, now)).toBe(false);
    expect(can(actor("CANDIDATE"), "evidence.read", testimony, now)).toBe(true);
    expect(can(assessor, "evidence.read", testimony, now)).toBe(true);
  });

  it("the centre's assessors and admins write its question bank; nobody else, and never another centre's", () => {
    const bank = { kind: "centre" as const, centreId: here };
    for (const role of roles) {
      const expected = role === "ASSESSOR" || role === "CENTRE_ADMIN";
      expect(can(actor(role), "question.manage", bank, now)).toBe(expected);
      expect(can(actor(role), "question.manage", { kind: "centre", centreId: elsewhere }, now)).toBe(false);
    }
  });

  it("an assessor cannot act on a candidate not assigned to them", () => {
    const notMine: Resource = { kind: "enrolment", centreId: here, candidateId: "c", assessorId: "other", iqaId: null };
    for (const action of [
      "mapping.review",
      "criterion.signOff",
      "requirement.confirm",
      "unit.signOff",
      "enrolment.read",
      "evidence.read",
      "observation.record",
      "witness.request",
      "witness.markExpert",
      "question.set",
      "question.mark",
      "plan.manage",
    ] as Action[]) {
      expect(can(actor("ASSESSOR"), action, notMine, now)).toBe(false);
    }
  });

  it("nobody assesses their own portfolio, even when assigned to it", () => {
    const own: Resource = { kind: "enrolment", centreId: here, candidateId: me, assessorId: me, iqaId: me };
    const both = actor(null, here, {
      memberships: [
        { centreId: here, role: "CANDIDATE" },
        { centreId: here, role: "ASSESSOR" },
        { centreId: here, role: "IQA" },
      ],
    });
    expect(can(both, "criterion.signOff", own, now)).toBe(false);
    expect(can(both, "requirement.confirm", own, now)).toBe(false);
    expect(can(both, "decision.revoke", own, now)).toBe(false);
    expect(can(both, "evidence.create", own, now)).toBe(true);
  });

  it("an external QA's access ends when the share expires", () => {
    const shared = (expiresAt: Date): Resource => ({
      kind: "enrolment",
      centreId: here,
      candidateId: "c",
      assessorId: "a",
      iqaId: "i",
      eqaShares: [{ eqaUserId: me, expiresAt }],
    });
    expect(can(actor("EQA"), "evidence.read", shared(new Date("2026-11-24")), now)).toBe(true);
    expect(can(actor("EQA"), "evidence.read", shared(new Date("2026-11-23T11:59:59Z")), now)).toBe(false);
    expect(
      can(
        actor("EQA"),
        "evidence.read",
        { kind: "enrolment", centreId: here, candidateId: "c", assessorId: "a", iqaId: "i" },
        now,
      ),
    ).toBe(false);
  });

  it("a candidate reads only their own evidence; an assessor reads it through an assigned enrolment", () => {
    const evidence = (candidateId: string, assessorId: string | null): Resource => ({
      kind: "evidence",
      centreId: here,
      candidateId,
      enrolments: [{ assessorId, iqaId: null }],
    });
    expect(can(actor("CANDIDATE"), "evidence.read", evidence(me, "a"), now)).toBe(true);
    expect(can(actor("CANDIDATE"), "evidence.read", evidence("another-candidate", "a"), now)).toBe(false);
    expect(can(actor("ASSESSOR"), "evidence.read", evidence("c", me), now)).toBe(true);
    expect(can(actor("ASSESSOR"), "evidence.read", evidence("c", "someone-else"), now)).toBe(false);
    expect(can(actor("ASSESSOR", elsewhere), "evidence.read", evidence("c", me), now)).toBe(false);
  });

  it("an EQA reads evidence only through a shared enrolment it was submitted to, while the share lasts", () => {
    const share = (expiresAt: string) => [{ eqaUserId: me, expiresAt: new Date(expiresAt) }];
    const evidence = (enrolments: EvidenceResource["enrolments"]): EvidenceResource => ({
      kind: "evidence",
      centreId: here,
      candidateId: "c",
      enrolments,
    });
    const sharedUnit = { assessorId: "a", iqaId: "i", eqaShares: share("2027-01-01") };
    const otherUnit = { assessorId: "a", iqaId: "i", eqaShares: [] };
    // Submitted to the candidate's other unit only: the share of this one does not reach it.
    expect(
      can(
        actor("EQA"),
        "evidence.read",
        evidence([
          { ...sharedUnit, submittedHere: false },
          { ...otherUnit, submittedHere: true },
        ]),
        now,
      ),
    ).toBe(false);
    // A draft (or facts that do not say it was submitted) is the candidate's.
    expect(can(actor("EQA"), "evidence.read", evidence([{ ...sharedUnit, submittedHere: false }]), now)).toBe(false);
    expect(can(actor("EQA"), "evidence.read", evidence([sharedUnit]), now)).toBe(false);
    expect(
      can(
        actor("EQA"),
        "evidence.read",
        evidence([
          { ...sharedUnit, submittedHere: true },
          { ...otherUnit, submittedHere: true },
        ]),
        now,
      ),
    ).toBe(true);
    // Until the share ends, to the millisecond.
    expect(
      can(
        actor("EQA"),
        "evidence.read",
        evidence([{ ...sharedUnit, eqaShares: share("2026-11-23T12:00:00.001Z"), submittedHere: true }]),
        now,
      ),
    ).toBe(true);
    expect(
      can(
        actor("EQA"),
        "evidence.read",
        evidence([{ ...sharedUnit, eqaShares: share("2026-11-23T12:00:00Z"), submittedHere: true }]),
        now,
      ),
    ).toBe(false);
    // Shared with another EQA: not with me.
    expect(
      can(
        actor("EQA"),
        "evidence.read",
        evidence([
          {
            ...sharedUnit,
            eqaShares: [{ eqaUserId: "other-eqa", expiresAt: new Date("2027-01-01") }],
            submittedHere: true,
          },
        ]),
        now,
      ),
    ).toBe(false);
  });

  it("evidenceSight: everyone else who reads evidence reads all of it; an EQA only its part in the shared enrolments it was submitted to", () => {
    const shared = {
      id: "e1",
      assessorId: "a",
      iqaId: "i",
      eqaShares: [{ eqaUserId: me, expiresAt: new Date("2027-01-01") }],
      submittedHere: true,
    };
    const sharedDraft = { ...shared, id: "e3", submittedHere: false };
    const other = { id: "e2", assessorId: "a2", iqaId: "i", eqaShares: [], submittedHere: true };
    const evidence = {
      kind: "evidence" as const,
      centreId: here,
      candidateId: "c",
      enrolments: [shared, other, sharedDraft],
    };
    expect(evidenceSight(actor("EQA"), evidence, now)).toEqual({ whole: false, enrolments: [shared] });
    expect(evidenceSight(actor("EQA"), evidence, new Date("2027-01-01"))).toEqual({ whole: false, enrolments: [] });
    expect(evidenceSight(actor("CENTRE_ADMIN"), evidence, now)).toEqual({ whole: true });
    expect(evidenceSight({ ...actor("ASSESSOR"), userId: "a2" }, evidence, now)).toEqual({ whole: true });
    expect(evidenceSight({ ...actor("IQA"), userId: "i" }, evidence, now)).toEqual({ whole: true });
    expect(evidenceSight({ ...actor("CANDIDATE"), userId: "c" }, evidence, now)).toEqual({ whole: true });
    expect(evidenceSight(actor("ASSESSOR"), evidence, now)).toEqual({ whole: false, enrolments: [] });
  });

  it("centre admins cannot change their own roles or deactivate themselves", () => {
    expect(can(actor("CENTRE_ADMIN"), "user.deactivate", { kind: "person", centreId: here, userId: me }, now)).toBe(
      false,
    );
    expect(can(actor("CENTRE_ADMIN"), "user.deactivate", { kind: "person", centreId: here, userId: "x" }, now)).toBe(
      true,
    );
    expect(
      can(actor("CENTRE_ADMIN"), "user.deactivate", { kind: "person", centreId: elsewhere, userId: "x" }, now),
    ).toBe(false);
  });

  it("only platform admins create centres and disable accounts", () => {
    for (const action of ["centre.create", "account.disable"] as Action[]) {
      expect(can(actor(null, here, { isPlatformAdmin: true }), action, { kind: "centre", centreId: "*" }, now)).toBe(
        true,
      );
      expect(can(actor("CENTRE_ADMIN"), action, { kind: "centre", centreId: "*" }, now)).toBe(false);
    }
  });

  it("platform admins read every centre's audit log and the platform's (\"*\"); a centre admin only their centre's", () => {
    const platformAdmin = actor(null, here, { isPlatformAdmin: true });
    for (const centreId of [here, elsewhere, "*"])
      expect(can(platformAdmin, "audit.read", { kind: "centre", centreId }, now)).toBe(true);
    expect(can(actor("CENTRE_ADMIN"), "audit.read", { kind: "centre", centreId: "*" }, now)).toBe(false);
  });

  it("only platform admins list and retry background jobs", () => {
    for (const action of ["job.list", "job.retry"] as Action[]) {
      expect(can(actor(null, here, { isPlatformAdmin: true }), action, { kind: "job" }, now)).toBe(true);
      for (const role of roles) expect(can(actor(role), action, { kind: "job" }, now)).toBe(false);
    }
    expect(can(actor(null, here, { isPlatformAdmin: true }), "centre.create", { kind: "job" }, now)).toBe(false);
  });

  it("only platform admins invite a centre's admin from outside it, at any centre", () => {
    const platformAdmin = actor(null, here, { isPlatformAdmin: true });
    expect(can(platformAdmin, "centre.inviteAdmin", { kind: "centre", centreId: here }, now)).toBe(true);
    expect(can(platformAdmin, "centre.inviteAdmin", { kind: "centre", centreId: elsewhere }, now)).toBe(true);
    for (const role of roles) {
      expect(can(actor(role), "centre.inviteAdmin", { kind: "centre", centreId: here }, now)).toBe(false);
      expect(can(actor(role), "centre.inviteAdmin", { kind: "centre", centreId: elsewhere }, now)).toBe(false);
    }
  });

  it("centre admins send password resets to others in their centre, not to themselves", () => {
    expect(
      can(actor("CENTRE_ADMIN"), "user.sendPasswordReset", { kind: "person", centreId: here, userId: "x" }, now),
    ).toBe(true);
    expect(
      can(actor("CENTRE_ADMIN"), "user.sendPasswordReset", { kind: "person", centreId: here, userId: me }, now),
    ).toBe(false);
    expect(
      can(actor("CENTRE_ADMIN"), "user.sendPasswordReset", { kind: "person", centreId: elsewhere, userId: "x" }, now),
    ).toBe(false);
    expect(can(actor("ASSESSOR"), "user.sendPasswordReset", { kind: "person", centreId: here, userId: "x" }, now)).toBe(
      false,
    );
  });

  it("a person with no role in a centre reaches nothing there", () => {
    for (const action of actions) {
      expect(can(actor(null), action, enrolmentFor("CANDIDATE", here), now)).toBe(false);
      expect(can(actor(null), action, { kind: "centre", centreId: here }, now)).toBe(false);
    }
  });
});

describe("every action has a rule", () => {
  it("each action is allowed to somebody in the tables above, so a new action without a rule fails here", () => {
    const covered = new Set<Action>([
      ...Object.values(allowedOnOwnEnrolment).flat(),
      ...centreActions,
      "centre.create",
      "centre.inviteAdmin",
      "account.disable",
      "user.sendPasswordReset",
      // Allowed only on an assessor's record, to the candidate it is about (tested above).
      "evidence.respond",
      "question.manage",
      ...(Object.keys(qaCentreActions) as Action[]),
      // Allowed on a sampling plan, an action or a visit (tested in "quality assurance" below).
      "qa.editPlan",
      "qa.readPlan",
      "qa.respondAction",
      "qa.closeAction",
      "qa.readAction",
      "visit.read",
      "visit.recordFinding",
      // Allowed on the platform's jobs, to platform admins (tested above).
      "job.list",
      "job.retry",
    ]);
    expect(actions.filter((action) => !covered.has(action))).toEqual([]);
  });

  describe("quality assurance", () => {
    const plan = (iqaId: string, centreId = here) => ({ kind: "samplingPlan" as const, centreId, iqaId });
    const who = (userId: string, ...held: Role[]): Actor => ({
      userId,
      isPlatformAdmin: false,
      memberships: held.map((role) => ({ centreId: here, role })),
    });

    it("a sampling plan is changed only by the IQA who made it; admins of the centre read it", () => {
      expect(can(who(me, "IQA"), "qa.editPlan", plan(me), now)).toBe(true);
      expect(can(who(me, "IQA"), "qa.editPlan", plan("another-iqa"), now)).toBe(false);
      expect(can(who(me, "IQA"), "qa.readPlan", plan("another-iqa"), now)).toBe(false);
      expect(can(who(me, "CENTRE_ADMIN"), "qa.readPlan", plan("another-iqa"), now)).toBe(true);
      expect(can(who(me, "CENTRE_ADMIN"), "qa.editPlan", plan("another-iqa"), now)).toBe(false);
      expect(can(who(me, "IQA"), "qa.editPlan", plan(me, elsewhere), now)).toBe(false);
      expect(can(who(me, "ASSESSOR"), "qa.readPlan", plan("another-iqa"), now)).toBe(false);
    });

    it("an action is answered by the assessor it names, and closed by an IQA of the centre or the EQA who set it", () => {
      const action = (assessorId: string | null, raisedById = "an-iqa", centreId = here) => ({
        kind: "qaAction" as const,
        centreId,
        assessorId,
        raisedById,
      });
      expect(can(who(me, "ASSESSOR"), "qa.respondAction", action(me), now)).toBe(true);
      expect(can(who(me, "ASSESSOR"), "qa.respondAction", action("another-assessor"), now)).toBe(false);
      expect(can(who(me, "ASSESSOR"), "qa.readAction", action("another-assessor"), now)).toBe(false);
      expect(can(who(me, "ASSESSOR"), "qa.closeAction", action(me), now)).toBe(false);
      expect(can(who(me, "ASSESSOR"), "qa.respondAction", action(me, "an-iqa", elsewhere), now)).toBe(false);
      expect(can(who(me, "IQA"), "qa.closeAction", action("a"), now)).toBe(true);
      expect(can(who(me, "IQA"), "qa.respondAction", action("a"), now)).toBe(false);
      // A centre-wide action from an EQA visit: the centre's admins answer it; only that EQA (or an IQA) closes it.
      expect(can(who(me, "CENTRE_ADMIN"), "qa.respondAction", action(null, "the-eqa"), now)).toBe(true);
      expect(can(who("the-eqa", "EQA"), "qa.closeAction", action(null, "the-eqa"), now)).toBe(true);
      expect(can(who(me, "EQA"), "qa.closeAction", action(null, "the-eqa"), now)).toBe(false);
      expect(can(who(me, "CENTRE_ADMIN"), "qa.readAction", action("a"), now)).toBe(true);
      expect(can(who(me, "CANDIDATE"), "qa.readAction", action("a"), now)).toBe(false);
    });

    it("a visit is open to its EQA only inside its window and until cancelled; admins of the centre always", () => {
      const visit = (
        over: Partial<{ eqaUserId: string; startsAt: Date; endsAt: Date; cancelled: boolean; centreId: string }> = {},
      ) => ({
        kind: "visit" as const,
        centreId: here,
        eqaUserId: me,
        startsAt: new Date("2026-11-23T00:00:00Z"),
        endsAt: new Date("2026-11-24T00:00:00Z"),
        cancelled: false,
        ...over,
      });
      for (const action of ["visit.read", "visit.recordFinding", "pack.download"] as Action[]) {
        expect(can(who(me, "EQA"), action, visit(), now)).toBe(true);
        expect(can(who(me, "EQA"), action, visit({ startsAt: new Date("2026-11-23T12:00:00.001Z") }), now)).toBe(false);
        expect(can(who(me, "EQA"), action, visit({ endsAt: now }), now)).toBe(false);
        expect(can(who(me, "EQA"), action, visit({ cancelled: true }), now)).toBe(false);
        expect(can(who(me, "EQA"), action, visit({ eqaUserId: "another-eqa" }), now)).toBe(false);
        expect(can(who(me, "EQA"), action, visit({ centreId: elsewhere }), now)).toBe(false);
      }
      expect(can(who(me, "CENTRE_ADMIN"), "visit.read", visit({ eqaUserId: "e", endsAt: now }), now)).toBe(true);
      expect(can(who(me, "CENTRE_ADMIN"), "visit.recordFinding", visit({ eqaUserId: "e" }), now)).toBe(false);
      expect(can(who(me, "IQA"), "visit.read", visit({ eqaUserId: "e" }), now)).toBe(false);
    });

    it("a share made for a visit opens at the visit's start", () => {
      const shared = (startsAt: Date | null): Resource => ({
        kind: "enrolment",
        centreId: here,
        candidateId: "c",
        assessorId: "a",
        iqaId: "i",
        eqaShares: [{ eqaUserId: me, startsAt, expiresAt: new Date("2026-11-30") }],
      });
      expect(can(actor("EQA"), "evidence.read", shared(null), now)).toBe(true);
      expect(can(actor("EQA"), "evidence.read", shared(now), now)).toBe(true);
      expect(can(actor("EQA"), "evidence.read", shared(new Date("2026-11-23T12:00:00.001Z")), now)).toBe(false);
    });
  });
});
