// The one place that says who may do what. Every server action and route handler calls
// `can` (or `authorize`, which throws) before touching data; the proxy only redirects
// visitors without a session. Pure and synchronous: callers load the facts about the
// resource (its centre, candidate, assessor, IQA, shares) and pass them in.

import { ForbiddenError } from "../errors";

export const roles = ["CANDIDATE", "ASSESSOR", "IQA", "CENTRE_ADMIN", "EQA"] as const;
export type Role = (typeof roles)[number];

export type Actor = {
  userId: string;
  isPlatformAdmin: boolean;
  memberships: ReadonlyArray<{ centreId: string; role: Role }>;
};

/** An enrolment (or anything that belongs to one: its evidence mappings, decisions, sign-off). */
export type EnrolmentResource = {
  kind: "enrolment";
  centreId: string;
  candidateId: string;
  assessorId: string | null;
  iqaId: string | null;
  /** EQA shares of this enrolment: who, from when (null: from the start), until when. */
  eqaShares?: ReadonlyArray<EqaShareFacts>;
};

/**
 * One of the evidence owner's enrolments, as the evidence is seen through it. `submittedHere`:
 * the evidence has been submitted for assessment in this enrolment (a mapping to it is waiting,
 * accepted or referred back, or has been reviewed before). An EQA the enrolment is shared with
 * sees the evidence only then; absent means it has not.
 */
export type EvidenceEnrolment = Omit<EnrolmentResource, "kind" | "centreId" | "candidateId"> & {
  submittedHere?: boolean;
};

/** A candidate's evidence item, with the enrolments of its owner that it can be seen through. */
export type EvidenceResource = {
  kind: "evidence";
  centreId: string;
  candidateId: string;
  enrolments: ReadonlyArray<EvidenceEnrolment>;
  /**
   * Who made the record, when not the candidate (docs/decisions/0019): an assessor's observation
   * or discussion ("assessor", with their id), or a workplace witness's testimony ("witness").
   * Absent or "candidate": the candidate's own evidence.
   */
  origin?: { by: "candidate" } | { by: "assessor"; authorId: string } | { by: "witness" };
};

export type CentreResource = { kind: "centre"; centreId: string };
export type PersonResource = { kind: "person"; centreId: string; userId: string };

/** An IQA's sampling plan (docs/decisions/0020). */
export type SamplingPlanResource = { kind: "samplingPlan"; centreId: string; iqaId: string };

/** An action from an IQA's sample or an EQA visit: who must respond, who set it. */
export type QaActionResource = { kind: "qaAction"; centreId: string; assessorId: string | null; raisedById: string };

/** An EQA visit: whose it is and its window. */
export type VisitResource = {
  kind: "visit";
  centreId: string;
  eqaUserId: string;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
};

/** The platform's background jobs (lib/jobs): the platform admins' to watch and retry. */
export type JobResource = { kind: "job" };

export type Resource =
  | JobResource
  | EnrolmentResource
  | EvidenceResource
  | CentreResource
  | PersonResource
  | SamplingPlanResource
  | QaActionResource
  | VisitResource;

export const actions = [
  "centre.create",
  "centre.inviteAdmin",
  "centre.readDashboard",
  "user.list",
  "user.invite",
  "user.changeRoles",
  "user.deactivate",
  "user.sendPasswordReset",
  "account.disable",
  "outbox.read",
  "enrolment.create",
  "enrolment.read",
  "enrolment.changeAssessor",
  "enrolment.withdraw",
  "enrolment.share",
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
  "audit.read",
  "observation.record",
  "evidence.respond",
  "witness.request",
  "witness.revoke",
  "witness.markExpert",
  "question.manage",
  "question.set",
  "question.answer",
  "question.mark",
  "plan.manage",
  "plan.agree",
  "qa.manageStrategy",
  "qa.readStrategy",
  "qa.createPlan",
  "qa.editPlan",
  "qa.readPlan",
  "qa.sample",
  "qa.readReport",
  "qa.respondAction",
  "qa.closeAction",
  "qa.readAction",
  "visit.manage",
  "visit.read",
  "visit.recordFinding",
  "pack.download",
  "credential.read",
  "credential.listIssued",
  "credential.rotateKey",
  "job.list",
  "job.retry",
] as const;
export type Action = (typeof actions)[number];

function rolesIn(actor: Actor, centreId: string): Set<Role> {
  return new Set(actor.memberships.filter((m) => m.centreId === centreId).map((m) => m.role));
}

export type EqaShareFacts = { eqaUserId: string; startsAt?: Date | null; expiresAt: Date };

/**
 * Where `now` falls in a share's window: a visit's share opens at the visit's start, every
 * share closes at its expiry. The one rule for "is this share open", for access and display.
 */
export function shareWindowState(
  share: Pick<EqaShareFacts, "startsAt" | "expiresAt">,
  now: Date,
): "upcoming" | "open" | "expired" {
  if (share.expiresAt <= now) return "expired";
  return share.startsAt != null && share.startsAt > now ? "upcoming" : "open";
}

/**
 * The actor's share of an enrolment that is open at `now` (the one lasting longest, if a
 * hand-made share and a visit overlap), or undefined. A visit's share opens at its start.
 */
export function openShareOf<S extends EqaShareFacts>(
  actor: Pick<Actor, "userId">,
  shares: ReadonlyArray<S> | undefined,
  now: Date,
): S | undefined {
  const open = (shares ?? []).filter((s) => s.eqaUserId === actor.userId && shareWindowState(s, now) === "open");
  return open.sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime())[0];
}

function sharedWithNow(actor: Actor, shares: EnrolmentResource["eqaShares"], now: Date): boolean {
  return openShareOf(actor, shares, now) !== undefined;
}

type Reach = { own: boolean; assessor: boolean; iqa: boolean; eqa: boolean; admin: boolean };

/** How the actor reaches one enrolment, through the roles they hold in its centre. */
function reachOfEnrolment(actor: Actor, r: Omit<EnrolmentResource, "kind">, now: Date): Reach {
  const held = rolesIn(actor, r.centreId);
  return {
    own: held.has("CANDIDATE") && r.candidateId === actor.userId,
    assessor: held.has("ASSESSOR") && r.assessorId === actor.userId && r.candidateId !== actor.userId,
    iqa: held.has("IQA") && r.iqaId === actor.userId && r.candidateId !== actor.userId,
    eqa: held.has("EQA") && sharedWithNow(actor, r.eqaShares, now),
    admin: held.has("CENTRE_ADMIN"),
  };
}

function enrolmentRule(action: Action, reach: Reach): boolean {
  switch (action) {
    case "enrolment.read":
    case "evidence.read":
      return reach.own || reach.assessor || reach.iqa || reach.eqa || reach.admin;
    case "evidence.create":
    case "evidence.update":
    case "evidence.delete":
    case "evidence.revise":
    case "mapping.propose":
    case "declaration.record":
      return reach.own;
    case "mapping.review":
    case "criterion.signOff":
    case "requirement.confirm":
    case "unit.signOff":
      // Only the assigned assessor; centre admins track progress but never judge it.
      return reach.assessor;
    case "decision.revoke":
      return reach.assessor || reach.iqa;
    case "qa.comment":
      return reach.iqa || reach.assessor || reach.own;
    case "observation.record":
    case "witness.markExpert":
    case "question.set":
    case "question.mark":
    case "plan.manage":
      return reach.assessor;
    case "question.answer":
    case "plan.agree":
      return reach.own;
    case "qa.sample":
      // Only the IQA assigned to the enrolment judges its assessment decisions.
      return reach.iqa;
    case "credential.read":
      // The candidate's own credentials (public pages need no action: the holder shares the link).
      return reach.own || reach.admin;
    case "pack.download":
      // One portfolio's pack: its candidate keeps theirs at any time; those who read it whole too.
      return reach.own || reach.assessor || reach.iqa || reach.admin;
    case "witness.request":
    case "witness.revoke":
      // Either side of the assessment may ask a workplace witness, or take the request back.
      return reach.own || reach.assessor;
    case "enrolment.changeAssessor":
    case "enrolment.withdraw":
    case "enrolment.share":
      return reach.admin;
    default:
      return false;
  }
}

export function can(actor: Actor, action: Action, resource: Resource, now: Date = new Date()): boolean {
  switch (resource.kind) {
    case "centre": {
      // centre.inviteAdmin: a new centre's first admin is invited by a platform admin, who holds
      // no role there; its own admins invite further admins with user.invite.
      if (action === "centre.create" || action === "account.disable" || action === "centre.inviteAdmin")
        return actor.isPlatformAdmin;
      // A centre's audit log is its admins'; platform admins read every chain ("*": all of them).
      if (action === "audit.read" && actor.isPlatformAdmin) return true;
      const held = rolesIn(actor, resource.centreId);
      // A centre's question bank is written by its assessors and admins; candidates never see it.
      if (action === "question.manage") return held.has("ASSESSOR") || held.has("CENTRE_ADMIN");
      // The sampling strategy is the IQAs' to write; admins read it, and IQA reports, for the centre.
      if (action === "qa.manageStrategy" || action === "qa.createPlan") return held.has("IQA");
      if (action === "qa.readStrategy" || action === "qa.readReport")
        return held.has("IQA") || held.has("CENTRE_ADMIN");
      // The centre's issued credentials and signing keys are its admins' to see and to rotate.
      if (action === "visit.manage" || action === "credential.listIssued" || action === "credential.rotateKey")
        return held.has("CENTRE_ADMIN");
      if (
        [
          "centre.readDashboard",
          "audit.read",
          "user.list",
          "user.invite",
          "user.changeRoles",
          "user.deactivate",
          "outbox.read",
          "enrolment.create",
        ].includes(action)
      ) {
        return held.has("CENTRE_ADMIN");
      }
      return false;
    }
    case "person": {
      const held = rolesIn(actor, resource.centreId);
      if (action === "user.changeRoles" || action === "user.deactivate" || action === "user.sendPasswordReset") {
        // An admin cannot lock themselves out of their own centre.
        return held.has("CENTRE_ADMIN") && resource.userId !== actor.userId;
      }
      if (action === "user.list") return held.has("CENTRE_ADMIN");
      return false;
    }
    case "job":
      // Background jobs are the platform's, not a centre's: only its admins see them and retry them.
      return (action === "job.list" || action === "job.retry") && actor.isPlatformAdmin;
    case "enrolment":
      return enrolmentRule(action, reachOfEnrolment(actor, resource, now));
    case "samplingPlan":
    case "qaAction":
    case "visit":
      return qualityRule(actor, action, resource, now);
    case "evidence": {
      if (action === "evidence.read") {
        const sight = evidenceSight(actor, resource, now);
        return sight.whole || sight.enrolments.length > 0;
      }
      return evidenceChangeRule(actor, action, resource, now);
    }
  }
}

/**
 * Sampling plans, QA actions and EQA visits (docs/decisions/0020). A plan is its IQA's; admins
 * read it. An action is answered by the assessor it names (or, for a centre-wide EQA action, a
 * centre admin) and closed or re-opened by an IQA of the centre, or the EQA who set it. A visit
 * is read by its EQA only inside its window, and by the centre's admins.
 */
function qualityRule(
  actor: Actor,
  action: Action,
  resource: SamplingPlanResource | QaActionResource | VisitResource,
  now: Date,
): boolean {
  const held = rolesIn(actor, resource.centreId);
  switch (resource.kind) {
    case "samplingPlan": {
      const owner = held.has("IQA") && resource.iqaId === actor.userId;
      if (action === "qa.editPlan") return owner;
      if (action === "qa.readPlan") return owner || held.has("CENTRE_ADMIN");
      if (action === "pack.download") return owner || held.has("CENTRE_ADMIN");
      return false;
    }
    case "qaAction": {
      const answerer =
        resource.assessorId === null
          ? held.has("CENTRE_ADMIN")
          : held.has("ASSESSOR") && resource.assessorId === actor.userId;
      const setter = held.has("IQA") || (held.has("EQA") && resource.raisedById === actor.userId);
      if (action === "qa.respondAction") return answerer;
      if (action === "qa.closeAction") return setter;
      if (action === "qa.readAction") return answerer || setter || held.has("CENTRE_ADMIN");
      return false;
    }
    case "visit": {
      const inWindow = !resource.cancelled && resource.startsAt <= now && now < resource.endsAt;
      const visitor = held.has("EQA") && resource.eqaUserId === actor.userId && inWindow;
      if (action === "visit.read") return visitor || held.has("CENTRE_ADMIN");
      if (action === "visit.recordFinding" || action === "pack.download") return visitor;
      if (action === "visit.manage") return held.has("CENTRE_ADMIN");
      return false;
    }
  }
}

/** What changes to evidence content and claims, as opposed to reading it or answering it. */
const evidenceChanges: ReadonlySet<Action> = new Set([
  "evidence.update",
  "evidence.delete",
  "evidence.revise",
  "mapping.propose",
]);

/**
 * Changes to an evidence item. The candidate changes their own evidence; an assessor's record
 * (observation, discussion) is changed only by its author, while they assess one of the owner's
 * enrolments, and the candidate answers it instead (evidence.respond); a witness testimony is the
 * witness's signed words and nobody changes it.
 */
function evidenceChangeRule(actor: Actor, action: Action, resource: EvidenceResource, now: Date): boolean {
  const origin = resource.origin ?? { by: "candidate" };
  const owner = { centreId: resource.centreId, candidateId: resource.candidateId, assessorId: null, iqaId: null };
  const ownerReach = reachOfEnrolment(actor, owner, now);
  if (action === "evidence.respond") return origin.by === "assessor" && ownerReach.own;
  if (!evidenceChanges.has(action)) return enrolmentRule(action, ownerReach);
  if (origin.by === "witness") return false;
  if (origin.by === "assessor") {
    return (
      origin.authorId === actor.userId &&
      resource.enrolments.some((e) => reachOfEnrolment(actor, { ...owner, ...e }, now).assessor)
    );
  }
  return enrolmentRule(action, ownerReach);
}

/** How much of an evidence item an actor may read: all of it, or only its part in some enrolments. */
export type EvidenceSight<E extends EvidenceEnrolment> = { whole: true } | { whole: false; enrolments: E[] };

/**
 * The owner, a centre admin, and the assessor or IQA of any of the owner's enrolments read an
 * evidence item whole, claims on every unit included. An EQA reads it only through the shared
 * enrolments it was submitted to (not drafts, not evidence of the candidate's other units), and
 * sees only its claims on those; anyone else gets `{ whole: false, enrolments: [] }`.
 */
export function evidenceSight<E extends EvidenceEnrolment>(
  actor: Actor,
  resource: Omit<EvidenceResource, "enrolments"> & { enrolments: ReadonlyArray<E> },
  now: Date = new Date(),
): EvidenceSight<E> {
  const owner = { centreId: resource.centreId, candidateId: resource.candidateId };
  const reaches = resource.enrolments.map((e) => reachOfEnrolment(actor, { ...owner, ...e }, now));
  const readsWhole = (reach: Reach) => enrolmentRule("evidence.read", { ...reach, eqa: false });
  if (readsWhole(reachOfEnrolment(actor, { ...owner, assessorId: null, iqaId: null }, now)) || reaches.some(readsWhole))
    return { whole: true };
  return {
    whole: false,
    enrolments: resource.enrolments.filter((e, i) => reaches[i]?.eqa === true && e.submittedHere === true),
  };
}

export { ForbiddenError };

/** The refusal of `action`, in words that say what to do about it. */
export function forbidden(action: Action): ForbiddenError {
  return new ForbiddenError(forbiddenMessage(action), `forbidden: ${action}`);
}

export function forbiddenMessage(action: Action): string {
  if (action === "centre.inviteAdmin") {
    return "Only a platform administrator can invite a centre's first admin. A centre's own admins invite more admins from People.";
  }
  if (
    action === "criterion.signOff" ||
    action === "requirement.confirm" ||
    action === "unit.signOff" ||
    action === "mapping.review" ||
    action === "observation.record" ||
    action === "witness.markExpert" ||
    action === "question.set" ||
    action === "question.mark" ||
    action === "plan.manage"
  ) {
    return "Only the assessor assigned to this enrolment can do that. Ask your centre admin to assign you if you should be.";
  }
  if (action === "question.manage") {
    return "Only the centre's assessors and admins can change its question bank.";
  }
  if (action === "evidence.respond") {
    return "Only the candidate an assessor's record is about can confirm or dispute it.";
  }
  if (action === "qa.manageStrategy" || action === "qa.createPlan" || action === "qa.editPlan") {
    return "Only the centre's internal quality assurers can do that; a plan is changed only by the IQA who made it.";
  }
  if (action === "qa.sample") {
    return "Only the IQA assigned to this enrolment can record a sampling outcome on it. Ask your centre admin to assign you if you should be.";
  }
  if (action === "qa.respondAction") {
    return "Only the assessor an action is addressed to can respond to it.";
  }
  if (action === "qa.closeAction") {
    return "Only an internal quality assurer of the centre, or the EQA who set it, can close or re-open an action.";
  }
  if (action === "visit.read" || action === "visit.recordFinding" || action === "pack.download") {
    return "This is open only to the external quality assurer of the visit during its dates, and to the centre's admins. If the visit should still be open, ask the centre admin to change its dates.";
  }
  if (action === "visit.manage") {
    return "Only a centre admin of this centre can arrange EQA visits.";
  }
  if (action === "job.list" || action === "job.retry") {
    return "Only platform administrators can see and retry background jobs.";
  }
  if (action === "audit.read") {
    return "Only a centre admin of this centre, or a platform administrator, can read its audit log.";
  }
  if (action.startsWith("user.") || action.startsWith("enrolment.") || action === "outbox.read") {
    return "Only a centre admin of this centre can do that.";
  }
  return "You do not have access to that. If you think you should, ask your centre admin.";
}

/** Throws ForbiddenError (with a message for the user) unless `can` allows it. */
export function authorize(actor: Actor, action: Action, resource: Resource, now?: Date): void {
  if (!can(actor, action, resource, now)) throw forbidden(action);
}
