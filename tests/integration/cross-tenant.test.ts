import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { emptyEvidenceFormValues } from "@/lib/evidence/evidence-form-schema";
import { forbiddenMessage, type Action } from "@/lib/authz/policy";
import type { Db } from "@/lib/db/client";
import { attackerKeys, type AttackerKey } from "../helpers/cross-tenant-attackers";
import type { CrossTenantFixture } from "../helpers/cross-tenant-fixture";
import { changedTables, openSnapshotter, type Snapshot, type Snapshotter } from "../helpers/db-snapshot";
import { fakeHeadersForCommonJs, NavigationSignal, requestContext } from "../helpers/next-request";
import { useMigratedDb } from "../helpers/test-db";
import { releaseAppModules } from "../helpers/app-modules";

// Every server action and every route handler, called by people who have no business with the
// target (Cara Jones's portfolio at Northgate): another centre's admin, candidates of the other
// centre and of hers, an assessor not assigned to her, and an EQA whose share does not cover
// her. Each call must be refused in the words the code gives for that refusal, and leave every
// table (and the upload directory) exactly as it was. The calls go through the real actions
// and handlers against a real database; only the session (who is signed in) and the parts of
// Next that need a live request are stood in for. The table below must name every action and
// handler: a new one without an entry fails the first test.

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("../helpers/next-request")).fakeHeaders);
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  ...(await import("../helpers/next-request")).fakeCache,
}));
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  ...(await import("../helpers/next-request")).fakeNavigation,
}));
// The session: whoever requestContext.userId says, loaded from the database as sign-in would.
vi.mock("@/lib/auth/session", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/session")>();
  const { fakeNavigation, requestContext } = await import("../helpers/next-request");
  const { loadActor } = await import("@/lib/auth/actor");
  const { db } = await import("@/lib/db");
  const getActor = async () =>
    requestContext.userId
      ? loadActor(db, requestContext.userId, requestContext.cookies.get(original.activeRoleCookie) ?? null)
      : null;
  return { ...original, getActor, requireActor: async () => (await getActor()) ?? fakeNavigation.redirect("/login") };
});

const state = useMigratedDb();
const baseUrl = "http://portfolio.test";
const forbidden = (action: Action) => forbiddenMessage(action);

type Ctx = CrossTenantFixture;

/** What a refused call must come back with. */
type Expected =
  /** The action returned its form state with ok: false (or a message) saying this. */
  | { refused: string; fieldErrors?: Record<string, string[]> }
  /** The route answered with this status (and this message, JSON `message` or plain text). */
  | { status: number; message?: string; includes?: string[]; excludes?: string[] }
  /** The action sent the browser here (redirect()). */
  | { redirect: string }
  /** The action returned exactly this, having done nothing. */
  | { returns: unknown };

type Call =
  | { args: (ctx: Ctx, attacker: AttackerKey) => unknown[] }
  | {
      request: (
        ctx: Ctx,
        attacker: AttackerKey,
      ) => {
        path: string;
        init?: ConstructorParameters<typeof NextRequest>[1];
        params?: Record<string, string | string[]>;
      };
    };

type Case = Call & {
  /** What is tried, when an entry has more than one case. */
  name?: string;
  /**
   * Rows a public action writes on purpose, as new rows per table: checked by `check` (which
   * removes them again), after which every table must be exactly as before the call.
   */
  writes?: { rows: Record<string, number>; check(db: Db, ctx: Ctx): Promise<void> };
  /** Attackers this case does not apply to, each with the reason. */
  except?: Partial<Record<AttackerKey, string>>;
  expect: (ctx: Ctx, attacker: AttackerKey) => Expected;
};

/**
 * guarded: refused to anyone without a role on the target. public: open to anyone on purpose
 * (why says so); still called with foreign ids and junk, and must change nothing. ownData: acts
 * only on the caller's own rows and takes no target id; must change nothing of anyone else's.
 */
type Entry = { access: "guarded" } | { access: "public" | "ownData"; why: string };

const form = (fields: Record<string, string | string[] | Blob>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  return data;
};
const isoDay = (daysFromToday: number) => new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);
const evidenceState = { attempt: 0, values: emptyEvidenceFormValues, message: null, fieldErrors: {} };
const evidenceForm = (extra: Record<string, string> = {}) =>
  form({
    title: "Rewritten by someone else",
    method: "observation",
    activityDate: isoDay(-3),
    description: "Not mine to write.",
    ...extra,
  });

// Messages read from the app once it is loaded (see beforeAll), so the table says which refusal.
const messages = {
  invitationUnknown: "",
  invitationOtherAccount: "",
  noCandidateRole: "",
  resetRequested: "",
  resetInvalid: "",
  witnessLinkInvalid: "",
};
const fileNotShared = "That file does not exist, has been removed, or is not shared with you.";
const fileGone =
  "That file does not exist, has already been removed, or is not yours. Reload the page to see the files as they are now.";
const evidenceGone =
  "That evidence does not exist, has been removed, or is not yours. Go back to your evidence and choose it from the list.";
const exportAdminsOnly = "Only a centre admin can download the progress export.";
const unsubscribeInvalid =
  "This unsubscribe link is not valid: copy the whole link from the email. Or sign in and change your choice under Your account.";
const candidatesOnly = (why: string) => ({ foreignAdmin: why, unassignedAssessor: why, outOfScopeEqa: why });

// The entries: module file and export for actions, route file and method for handlers.
const entries: Record<string, Entry & { cases: Case[] }> = {
  "lib/actions/assessment-add-comment.ts addCommentAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ evidenceId: c.evidence.submitted, body: "Looks fine to me.", page: "candidate" })],
        expect: () => ({ refused: forbidden("qa.comment") }),
      },
    ],
  },
  "lib/actions/assessment-candidate-declaration.ts recordCandidateDeclarationAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ enrolmentId: c.enrolments.cs34, confirmed: "yes" })],
        expect: () => ({ refused: forbidden("mapping.propose") }),
      },
    ],
  },
  "lib/actions/assessment-confirm-requirement.ts confirmRequirementAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [
          null,
          form({
            enrolmentId: c.enrolments.cs34,
            requirementId: c.requirement,
            evidenceId: [c.evidence.submitted],
            note: "Seen at work.",
          }),
        ],
        expect: () => ({ refused: forbidden("criterion.signOff") }),
      },
    ],
  },
  "lib/actions/assessment-decide-criterion.ts decideCriterionAction": {
    access: "guarded",
    cases: [
      {
        // The attacker's own correct password: only authorization can refuse, and no failed
        // signature attempt is recorded.
        args: (c) => [
          null,
          form({
            enrolmentId: c.enrolments.cs34,
            criterionId: c.criteria.undecided,
            outcome: "NOT_YET_MET",
            password: c.password,
          }),
        ],
        expect: () => ({ refused: forbidden("criterion.signOff") }),
      },
    ],
  },
  "lib/actions/assessment-notifications.ts markNotificationReadAction": {
    access: "ownData",
    why: "marks one of the caller's own notifications read; another person's id matches no row, so nothing changes and nothing is said",
    cases: [{ args: (c) => [form({ notificationId: c.notification })], expect: () => ({ returns: undefined }) }],
  },
  "lib/actions/assessment-notifications.ts markAllNotificationsReadAction": {
    access: "ownData",
    why: "takes no ids and marks the caller's own notifications; the attackers have none unread while Cara has, so any change would be hers",
    cases: [{ args: () => [], expect: () => ({ redirect: "/notifications?done=allRead" }) }],
  },
  "lib/actions/assessment-review-mapping.ts reviewMappingAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [
          null,
          form({
            evidenceId: c.evidence.submitted,
            mappingId: c.mappings.submitted,
            decision: "accept",
            feedback: "Good evidence.",
          }),
        ],
        expect: () => ({ refused: forbidden("mapping.review") }),
      },
    ],
  },
  "lib/actions/assessment-revoke.ts revokeAction": {
    access: "guarded",
    cases: [
      {
        name: "a decision",
        args: (c) => [
          null,
          form({
            enrolmentId: c.enrolments.cs34,
            kind: "decision",
            id: c.decision,
            reason: "Signed in error.",
            password: c.password,
          }),
        ],
        expect: () => ({ refused: forbidden("decision.revoke") }),
      },
      {
        name: "a unit sign-off",
        args: (c) => [
          null,
          form({
            enrolmentId: c.enrolments.cu782,
            kind: "unitSignOff",
            id: c.signOff,
            reason: "Signed in error.",
            password: c.password,
          }),
        ],
        expect: () => ({ refused: forbidden("decision.revoke") }),
      },
    ],
  },
  "lib/actions/assessment-sign-off-unit.ts signOffUnitAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [
          null,
          form({
            enrolmentId: c.enrolments.cs34,
            declaration: "I confirm the evidence is valid, authentic, current and sufficient.",
            password: c.password,
          }),
        ],
        expect: () => ({ refused: forbidden("unit.signOff") }),
      },
    ],
  },
  "lib/actions/audit-verify.ts verifyAuditChainAction": {
    access: "guarded",
    cases: [
      {
        except: {
          foreignAdmin:
            "verifies the chain of the centre the admin acts in, named by no field: for another centre's admin that is their own",
        },
        args: () => [null, form({ scope: "centre" })],
        expect: () => ({ refused: forbidden("audit.read") }),
      },
      {
        name: "every chain",
        args: () => [null, form({ scope: "platform" })],
        expect: () => ({ refused: forbidden("audit.read") }),
      },
    ],
  },
  "lib/actions/enrolment-change-assessor.ts changeAssessorAction": {
    access: "guarded",
    cases: [
      {
        // The unassigned assessor tries to make themselves the assessor.
        args: (c) => [
          null,
          form({ enrolmentId: c.enrolments.cs34, assessorId: c.attackers.unassignedAssessor.userId }),
        ],
        expect: () => ({ refused: forbidden("enrolment.changeAssessor") }),
      },
    ],
  },
  "lib/actions/enrolment-create.ts createEnrolmentAction": {
    access: "guarded",
    cases: [
      {
        name: "at Northgate",
        args: (c) => [
          null,
          form({
            centreId: c.centres.northgate,
            candidateId: c.users.cara,
            unitCode: "INSCS042",
            assessorId: c.users.asha,
            iqaId: c.users.asha,
            startDate: isoDay(0),
            plannedEndDate: isoDay(180),
          }),
        ],
        expect: () => ({ refused: forbidden("enrolment.create") }),
      },
      {
        name: "Northgate's candidate, at the admin's own centre",
        except: {
          foreignCandidate: "only an admin may enrol anyone; the first case covers everyone else",
          otherCandidate: "only an admin may enrol anyone; the first case covers everyone else",
          unassignedAssessor: "only an admin may enrol anyone; the first case covers everyone else",
          outOfScopeEqa: "only an admin may enrol anyone; the first case covers everyone else",
        },
        args: (c) => [
          null,
          form({
            centreId: c.centres.riverside,
            candidateId: c.users.cara,
            unitCode: "CS34",
            assessorId: c.users.raj,
            iqaId: c.users.raj,
            startDate: isoDay(0),
            plannedEndDate: isoDay(180),
          }),
        ],
        expect: () => ({
          refused:
            "The chosen person is not a candidate at this centre. Choose someone who holds the candidate role here.",
          fieldErrors: {
            candidateId: [
              "The chosen person is not a candidate at this centre. Choose someone who holds the candidate role here.",
            ],
          },
        }),
      },
    ],
  },
  "lib/actions/enrolment-share.ts shareWithEqaAction": {
    access: "guarded",
    cases: [
      {
        // The EQA tries to share the target with themselves.
        args: (c) => [
          null,
          form({ enrolmentId: c.enrolments.cs34, eqaUserId: c.attackers.outOfScopeEqa.userId, lastDay: isoDay(30) }),
        ],
        expect: () => ({ refused: forbidden("enrolment.share") }),
      },
    ],
  },
  "lib/actions/enrolment-withdraw.ts withdrawEnrolmentAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ enrolmentId: c.enrolments.cs34, reason: "Left the company.", confirm: "yes" })],
        expect: () => ({ refused: forbidden("enrolment.withdraw") }),
      },
    ],
  },
  "lib/actions/evidence-create.ts createEvidenceAction": {
    access: "guarded",
    cases: [
      {
        // The form names no candidate or centre (the ones sent here are ignored): evidence always
        // goes into the caller's own library at the centre they act in.
        except: {
          foreignCandidate:
            "a candidate only ever creates their own evidence, at their own centre: there is no foreign id to give",
          otherCandidate:
            "a candidate only ever creates their own evidence, at their own centre: there is no foreign id to give",
        },
        args: (c) => [evidenceState, evidenceForm({ candidateId: c.users.cara, centreId: c.centres.northgate })],
        expect: () => ({ refused: messages.noCandidateRole }),
      },
    ],
  },
  "lib/actions/evidence-delete.ts deleteEvidenceAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [c.evidence.draft, { message: null }, form({})],
        expect: () => ({ refused: forbidden("evidence.update") }),
      },
    ],
  },
  "lib/actions/evidence-revise.ts reviseEvidenceAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ evidenceId: c.evidence.submitted })],
        expect: () => ({ refused: forbidden("evidence.revise") }),
      },
    ],
  },
  "lib/actions/evidence-update.ts updateEvidenceAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [c.evidence.draft, evidenceState, evidenceForm()],
        expect: () => ({ refused: forbidden("evidence.update") }),
      },
    ],
  },
  "lib/actions/mapping-propose.ts proposeMappingAction": {
    access: "guarded",
    cases: [
      {
        name: "her evidence to her unit",
        args: (c) => [
          null,
          form({ evidenceId: c.evidence.draft, enrolmentId: c.enrolments.cs34, criterionId: c.criteria.undecided }),
        ],
        expect: () => ({ refused: forbidden("mapping.propose") }),
      },
      {
        name: "the attacker's own evidence to her unit",
        except: candidatesOnly("has no evidence of their own to map"),
        args: (c, a) => [
          null,
          form({
            evidenceId: c.evidence.ownEvidence[a as "foreignCandidate" | "otherCandidate"],
            enrolmentId: c.enrolments.cs34,
            criterionId: c.criteria.undecided,
          }),
        ],
        expect: () => ({ refused: forbidden("mapping.propose") }),
      },
    ],
  },
  "lib/actions/mapping-remove.ts removeMappingAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ mappingId: c.mappings.draft })],
        expect: () => ({ refused: forbidden("mapping.propose") }),
      },
    ],
  },
  "lib/actions/mapping-search.ts searchMappableCriteriaAction": {
    access: "guarded",
    // Reads only, but with her evidence id it would show her units' criteria: refused.
    cases: [
      {
        args: (c) => [null, form({ query: "customer", evidenceId: c.evidence.draft })],
        expect: () => ({ refused: forbidden("mapping.propose") }),
      },
    ],
  },
  "lib/actions/mapping-update-range.ts updateMappingRangeAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ mappingId: c.mappings.draft, rangeItemId: c.criteria.draftRangeItems })],
        expect: () => ({ refused: forbidden("mapping.propose") }),
      },
    ],
  },
  "lib/actions/people-accept-invitation.ts acceptInvitationAction": {
    access: "public",
    why: "the invitation page is for people who cannot sign in yet; the token from the link is the credential",
    cases: [
      {
        args: () => [
          null,
          form({
            token: "not-a-real-invitation-token",
            password: "a-long-enough-password",
            confirmPassword: "a-long-enough-password",
          }),
        ],
        expect: () => ({ refused: messages.invitationUnknown }),
      },
    ],
  },
  "lib/actions/people-accept-invitation.ts acceptInvitationSignedInAction": {
    access: "guarded",
    // Someone else's real invitation token, used while signed in as the attacker.
    cases: [
      {
        args: (c) => [null, form({ token: c.invitationToken })],
        expect: () => ({ refused: messages.invitationOtherAccount }),
      },
    ],
  },
  "lib/actions/password-reset.ts requestPasswordResetAction": {
    access: "public",
    why: "the forgotten-password form, for people who cannot sign in; it answers the same whether or not the email has an account",
    cases: [
      {
        name: "an unknown email",
        args: () => [null, form({ email: "nobody@example.org" })],
        expect: () => ({
          returns: {
            ok: true,
            data: undefined,
            message: messages.resetRequested,
            submission: 1,
            values: { email: "nobody@example.org" },
          },
        }),
      },
      {
        // By design anyone may ask for a link for any email; it goes to that email's inbox and
        // never to the asker, who sees only the usual answer.
        name: "another person's email",
        args: () => [null, form({ email: "candidate@northgate.example" })],
        expect: () => ({
          returns: {
            ok: true,
            data: undefined,
            message: messages.resetRequested,
            submission: 1,
            values: { email: "candidate@northgate.example" },
          },
        }),
        writes: {
          // Job: the message's delivery (lib/mail/deliver-job.ts), enqueued with it.
          rows: { Job: 1, OutboxMessage: 1, PasswordReset: 1 },
          async check(db, c) {
            const resets = await db.passwordReset.findMany({ select: { id: true, userId: true, createdById: true } });
            expect(resets).toEqual([{ id: expect.any(String), userId: c.users.cara, createdById: null }]);
            const mail = await db.outboxMessage.findMany({
              where: { subject: "Choose a new password" },
              select: { id: true, to: true, centreId: true },
            });
            expect(mail).toEqual([{ id: expect.any(String), to: "candidate@northgate.example", centreId: null }]);
            await db.passwordReset.deleteMany({ where: { id: { in: resets.map((r) => r.id) } } });
            await db.outboxMessage.deleteMany({ where: { id: { in: mail.map((m) => m.id) } } });
            await db.job.deleteMany({ where: { singletonKey: { in: mail.map((m) => `mail.deliver:${m.id}`) } } });
          },
        },
      },
    ],
  },
  "lib/actions/password-reset.ts resetPasswordAction": {
    access: "public",
    why: "the page the reset link opens, for people who cannot sign in; the token from the link is the credential",
    cases: [
      {
        args: () => [
          null,
          form({
            token: "not-a-real-reset-token",
            password: "a-long-enough-password",
            confirmPassword: "a-long-enough-password",
          }),
        ],
        expect: () => ({ refused: messages.resetInvalid }),
      },
    ],
  },
  "lib/actions/password-reset.ts sendPasswordResetAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ userId: c.users.cara })],
        expect: () => ({ refused: forbidden("user.sendPasswordReset") }),
      },
    ],
  },
  "lib/actions/observation-record.ts recordObservationAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [
          null,
          form({
            enrolmentId: c.enrolments.cs34,
            title: "Planted observation",
            activityDate: isoDay(-3),
            startTime: "09:00",
            endTime: "10:00",
            location: "Nowhere",
            description: "Never happened.",
            criterionIds: [c.criteria.undecided],
          }),
        ],
        expect: () => ({ refused: forbidden("observation.record") }),
      },
    ],
  },
  "lib/actions/observation-respond.ts respondToObservationAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ evidenceId: c.observation.evidence, response: "CONFIRMED", comment: "" })],
        expect: () => ({ refused: forbidden("evidence.respond") }),
      },
    ],
  },
  "lib/actions/observation-update.ts updateObservationAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [
          null,
          form({
            evidenceId: c.observation.evidence,
            title: "Rewritten by someone else",
            activityDate: isoDay(-3),
            startTime: "09:00",
            endTime: "10:00",
            location: "Nowhere",
            description: "Not mine to write.",
          }),
        ],
        expect: () => ({ refused: forbidden("evidence.update") }),
      },
    ],
  },
  "lib/actions/plan-activity.ts planActivityAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [
          null,
          form({
            enrolmentId: c.enrolments.cs34,
            method: "observation",
            criterionId: [c.criteria.undecided],
            plannedFor: isoDay(5),
            place: "Somewhere else",
          }),
        ],
        expect: () => ({ refused: forbidden("plan.manage") }),
      },
    ],
  },
  "lib/actions/plan-activity.ts agreeToActivityAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ enrolmentId: c.enrolments.cs34, activityId: c.plannedActivity })],
        expect: () => ({ refused: forbidden("plan.agree") }),
      },
    ],
  },
  "lib/actions/plan-activity.ts cancelActivityAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ enrolmentId: c.enrolments.cs34, activityId: c.plannedActivity })],
        expect: () => ({ refused: forbidden("plan.manage") }),
      },
    ],
  },
  "lib/actions/plan-activity.ts completeActivityAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ enrolmentId: c.enrolments.cs34, activityId: c.plannedActivity })],
        expect: () => ({ refused: forbidden("plan.manage") }),
      },
    ],
  },
  "lib/actions/recording-marker.ts addRecordingMarkerAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [
          null,
          form({ evidenceId: c.observation.discussion, criterionId: c.criteria.undecided, at: "1:00", note: "" }),
        ],
        expect: () => ({ refused: forbidden("evidence.update") }),
      },
    ],
  },
  "lib/actions/recording-marker.ts removeRecordingMarkerAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ markerId: c.observation.marker })],
        expect: () => ({ refused: forbidden("evidence.update") }),
      },
    ],
  },
  "lib/actions/platform-account.ts setAccountDisabledAction": {
    access: "guarded",
    // Platform admins only: not even a centre admin may disable an account.
    cases: [
      {
        args: () => [null, form({ email: "candidate@northgate.example", disabled: "true" })],
        expect: () => ({ refused: forbidden("account.disable") }),
      },
    ],
  },
  "lib/actions/jobs-retry.ts retryJobAction": {
    access: "guarded",
    // Platform admins only: background jobs are the platform's, no centre's.
    cases: [{ args: () => [null, form({ jobId: "any-job" })], expect: () => ({ refused: forbidden("job.retry") }) }],
  },
  "lib/actions/notification-email.ts setNotificationEmailAction": {
    access: "ownData",
    why: "sets the caller's own email choice and takes no ids; the attackers choose what they have already, so nothing is written",
    cases: [
      {
        args: () => [null, form({ notificationEmail: "daily" })],
        expect: () => ({
          returns: {
            ok: true,
            data: "daily",
            message: "You will get one email a day listing your unread notifications.",
            submission: 1,
            values: { notificationEmail: "daily" },
          },
        }),
      },
      {
        name: "a choice that is not offered",
        args: () => [null, form({ notificationEmail: "hourly" })],
        expect: () => ({
          refused: "Choose one of: no emails, an email for each notification, or a daily digest.",
        }),
      },
    ],
  },
  "lib/actions/notification-email.ts unsubscribeAction": {
    access: "public",
    why: "the unsubscribe link's button, for people who are not signed in; only a token signed with the server's secret is accepted",
    cases: [
      {
        name: "a token forged for another person",
        args: (c) => [null, form({ token: `${c.users.cara}.forged-signature` })],
        expect: () => ({ refused: unsubscribeInvalid }),
      },
      { name: "junk", args: () => [null, form({ token: "x" })], expect: () => ({ refused: unsubscribeInvalid }) },
    ],
  },
  "lib/actions/platform-create-centre.ts createCentreAction": {
    access: "guarded",
    // Platform admins only: no centre's admin may create centres.
    cases: [
      {
        args: () => [null, form({ name: "Intruder Training", slug: "intruder-training", timeZone: "Europe/London" })],
        expect: () => ({ refused: forbidden("centre.create") }),
      },
    ],
  },
  "lib/actions/platform-invite-centre-admin.ts inviteCentreAdminAction": {
    access: "guarded",
    // Platform admins only: Northgate's own admins invite from People (user.invite), not here.
    cases: [
      {
        args: (c) => [
          null,
          form({ centreId: c.centres.northgate, name: "Eve Intruder", email: "eve.intruder@example.org" }),
        ],
        expect: () => ({ refused: forbidden("centre.inviteAdmin") }),
      },
    ],
  },
  "lib/actions/people-change-roles.ts changeRolesAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ userId: c.users.cara, roles: ["CANDIDATE", "CENTRE_ADMIN"] })],
        expect: () => ({ refused: forbidden("user.changeRoles") }),
      },
    ],
  },
  "lib/actions/people-import-csv.ts importCandidatesCsvAction": {
    access: "guarded",
    cases: [
      {
        except: {
          foreignAdmin:
            "imports into the centre the admin acts in, named by no field: for another centre's admin that is their own centre",
        },
        args: () => [
          null,
          form({
            file: new File(["name,email\nEve Intruder,eve.intruder@example.org\n"], "people.csv", { type: "text/csv" }),
          }),
        ],
        expect: () => ({ refused: forbidden("user.invite") }),
      },
    ],
  },
  "lib/actions/people-invite.ts invitePersonAction": {
    access: "guarded",
    cases: [
      {
        except: {
          foreignAdmin:
            "invites into the centre the admin acts in, named by no field: for another centre's admin that is their own centre",
        },
        args: () => [null, form({ name: "Eve Intruder", email: "eve.intruder@example.org", roles: ["CENTRE_ADMIN"] })],
        expect: () => ({ refused: forbidden("user.invite") }),
      },
    ],
  },
  "lib/actions/people-resend-invitation.ts resendInvitationAction": {
    access: "guarded",
    cases: [
      { args: (c) => [null, form({ userId: c.users.pending })], expect: () => ({ refused: forbidden("user.invite") }) },
    ],
  },
  "lib/actions/people-set-deactivated.ts setDeactivatedAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ userId: c.users.cara, deactivated: "true" })],
        expect: () => ({ refused: forbidden("user.deactivate") }),
      },
    ],
  },
  "lib/actions/qa-outcome.ts recordOutcomeAction": {
    access: "guarded",
    cases: (["agreed", "action_required"] as const).map((outcome) => ({
      name: outcome === "agreed" ? "agreed" : "an action for Asha",
      args: (c: Ctx) => [null, form({ itemId: c.quality.item, outcome, feedback: "Planted.", dueDate: isoDay(10) })],
      expect: () => ({ refused: forbidden("qa.editPlan") }),
    })),
  },
  "lib/actions/qa-action.ts respondToActionAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ actionId: c.quality.action, text: "Not mine to answer." })],
        expect: () => ({ refused: forbidden("qa.respondAction") }),
      },
    ],
  },
  "lib/actions/qa-action.ts closeActionAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ actionId: c.quality.action, note: "Closed by someone else." })],
        expect: () => ({ refused: forbidden("qa.closeAction") }),
      },
    ],
  },
  "lib/actions/qa-action.ts reopenActionAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ actionId: c.quality.action, note: "Re-opened by someone else." })],
        expect: () => ({ refused: forbidden("qa.closeAction") }),
      },
    ],
  },
  "lib/actions/qa-strategy.ts saveStrategyAction": {
    access: "ownData",
    why: "writes the sampling strategy of the centre the caller acts in, never a centre named in the form; only its IQAs may",
    cases: [
      {
        args: () => [null, form({ newRate: "0", standardRate: "0", lowRate: "0", text: "Planted." })],
        expect: () => ({ refused: forbidden("qa.manageStrategy") }),
      },
    ],
  },
  "lib/actions/qa-strategy.ts setRiskLevelAction": {
    access: "ownData",
    why: "sets a level in the strategy of the centre the caller acts in, never a centre named in the form; only its IQAs may",
    cases: [
      {
        args: (c) => [null, form({ assessorId: c.users.asha, level: "low", ratePercent: "0", reason: "Planted." })],
        expect: () => ({ refused: forbidden("qa.manageStrategy") }),
      },
    ],
  },
  "lib/actions/qa-plan.ts proposeSampleAction": {
    access: "ownData",
    why: "samples the caller's own caseload at the centre they act in, never a centre or IQA named in the form; only its IQAs may",
    cases: [
      {
        args: () => [null, form({ title: "Planted", firstDay: isoDay(-90), lastDay: isoDay(0), seed: "1" })],
        expect: () => ({ refused: forbidden("qa.createPlan") }),
      },
    ],
  },
  "lib/actions/qa-plan.ts addToPlanAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ planId: c.quality.plan, decisionId: c.decision })],
        expect: () => ({ refused: forbidden("qa.editPlan") }),
      },
    ],
  },
  "lib/actions/qa-plan.ts removePlanItemAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ planId: c.quality.plan, itemId: c.quality.item })],
        expect: () => ({ refused: forbidden("qa.editPlan") }),
      },
    ],
  },
  "lib/actions/question-answer.ts answerQuestionAction": {
    access: "guarded",
    cases: (["draft", "submit"] as const).map((intent) => ({
      name: intent === "draft" ? "a draft" : "a submitted answer",
      args: (c: Ctx) => [
        null,
        form({ enrolmentId: c.enrolments.cs34, assignmentId: c.questions.openAssignment, text: "Not mine.", intent }),
      ],
      expect: () => ({ refused: forbidden("question.answer") }),
    })),
  },
  "lib/actions/question-assess.ts markAnswerAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [
          null,
          form({
            enrolmentId: c.enrolments.cs34,
            assignmentId: "",
            answerId: c.questions.waitingAnswer,
            mark: "SATISFACTORY",
            feedback: "",
          }),
        ],
        expect: () => ({ refused: forbidden("question.mark") }),
      },
    ],
  },
  "lib/actions/question-assess.ts setQuestionsAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ enrolmentId: c.enrolments.cs34, questionIds: [c.questions.unset] })],
        expect: () => ({ refused: forbidden("question.set") }),
      },
    ],
  },
  "lib/actions/question-bank.ts addQuestionAction": {
    access: "ownData",
    why: "adds to the bank of the centre the caller acts in, never a centre named in the form; only its assessors and admins may",
    cases: [
      {
        args: (c) => [
          null,
          form({ unitVersionId: c.questions.unitVersion, text: "Planted?", criterionIds: [c.criteria.undecided] }),
        ],
        except: {
          foreignAdmin: "an admin keeps their own centre's bank (Riverside's), which is not the target's",
          unassignedAssessor: "Northgate's bank is his centre's as much as Cara's assessor's",
        },
        expect: () => ({ refused: forbidden("question.manage") }),
      },
    ],
  },
  "lib/actions/question-bank.ts retireQuestionAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ unitVersionId: c.questions.unitVersion, questionId: c.questions.unset })],
        except: { unassignedAssessor: "Northgate's bank is his centre's: any of its assessors may retire a question" },
        expect: () => ({ refused: forbidden("question.manage") }),
      },
    ],
  },
  "lib/actions/witness-mark-expert.ts markExpertWitnessAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ evidenceId: c.witness.testimony })],
        expect: () => ({ refused: forbidden("witness.markExpert") }),
      },
    ],
  },
  "lib/actions/witness-request.ts requestTestimonyAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [
          null,
          form({
            enrolmentId: c.enrolments.cs34,
            criterionId: [c.criteria.undecided],
            witnessName: "Planted Witness",
            witnessEmail: "planted@example.org",
            witnessJobTitle: "Accomplice",
            witnessRelationship: "friend",
          }),
        ],
        expect: () => ({ refused: forbidden("witness.request") }),
      },
    ],
  },
  "lib/actions/witness-revoke.ts revokeTestimonyRequestAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ requestId: c.witness.waitingRequest })],
        expect: () => ({ refused: forbidden("witness.revoke") }),
      },
    ],
  },
  "lib/actions/witness-submit.ts submitTestimonyAction": {
    access: "public",
    why: "the witness has no account; the single-use token from their link is the credential",
    cases: [
      {
        args: (c) => [
          null,
          form({
            token: "not-a-real-witness-token",
            observed: "Planted.",
            observedOn: isoDay(-3),
            criterionId: [c.criteria.undecided],
            statedRelationship: "friend",
            occupationalCompetence: "none",
            signedName: "Wendy Waiting",
          }),
        ],
        expect: () => ({ refused: messages.witnessLinkInvalid }),
      },
    ],
  },
  "lib/actions/submission-submit-evidence.ts submitEvidenceAction": {
    access: "guarded",
    cases: [
      {
        args: (c) => [null, form({ evidenceId: c.evidence.draft, declaration: "yes" })],
        expect: () => ({ refused: forbidden("mapping.propose") }),
      },
    ],
  },
  "lib/actions/switch-role.ts switchRole": {
    access: "guarded",
    // A role the attacker does not hold is ignored: back home, and no cookie set (checked for every call).
    cases: [
      { args: (c) => [form({ role: `${c.centres.northgate}:CENTRE_ADMIN` })], expect: () => ({ redirect: "/home" }) },
    ],
  },

  "app/api/admin/progress/export/route.ts GET": {
    access: "guarded",
    cases: [
      {
        except: { foreignAdmin: "exports the admin's own centre; the next case gives them Northgate's ids" },
        request: () => ({ path: "/api/admin/progress/export" }),
        expect: () => ({ status: 403, message: exportAdminsOnly }),
      },
      {
        name: "Northgate's ids as filters",
        except: {
          foreignCandidate: "refused outright by the first case",
          otherCandidate: "refused outright by the first case",
          unassignedAssessor: "refused outright by the first case",
          outOfScopeEqa: "refused outright by the first case",
        },
        // Filters cannot widen the export beyond the admin's centre: their own (empty) list.
        request: (c) => ({ path: `/api/admin/progress/export?assessor=${c.users.asha}&unit=CS34&search=Cara` }),
        expect: () => ({ status: 200, excludes: ["Cara", "Jones", "Asha", "Northgate"] }),
      },
    ],
  },
  "app/api/admin/candidates/route.ts GET": {
    access: "guarded",
    cases: [
      {
        except: { foreignAdmin: "searches the admin's own centre; the next case checks it finds none of Northgate's" },
        request: () => ({ path: "/api/admin/candidates?q=cara" }),
        expect: () => ({ status: 403, message: "Only a centre admin can look up the centre's candidates." }),
      },
      {
        name: "another centre's admin",
        except: {
          foreignCandidate: "refused outright by the first case",
          otherCandidate: "refused outright by the first case",
          unassignedAssessor: "refused outright by the first case",
          outOfScopeEqa: "refused outright by the first case",
        },
        // Their own centre's candidates only, whatever the search: none is Cara.
        request: () => ({ path: "/api/admin/candidates?q=cara" }),
        expect: (c) => ({ status: 200, excludes: ["Cara", "Jones", c.users.cara, "Northgate"] }),
      },
    ],
  },
  "app/api/admin/audit/export/route.ts GET": {
    access: "guarded",
    cases: [
      {
        except: { foreignAdmin: "exports the admin's own centre; the next case gives them Northgate's ids" },
        request: () => ({ path: "/api/admin/audit/export" }),
        expect: () => ({ status: 403, message: "Only a centre admin can download the centre's audit log." }),
      },
      {
        name: "Northgate's ids as filters",
        except: {
          foreignCandidate: "refused outright by the first case",
          otherCandidate: "refused outright by the first case",
          unassignedAssessor: "refused outright by the first case",
          outOfScopeEqa: "refused outright by the first case",
        },
        // Filters (and a chain) cannot widen the export beyond the admin's centre.
        request: (c) => ({
          path: `/api/admin/audit/export?person=${c.users.cara}&entity=${c.enrolments.cs34}&chain=${c.centres.northgate}`,
        }),
        expect: (c) => ({ status: 200, excludes: [c.users.cara, c.enrolments.cs34, c.centres.northgate, "Cara"] }),
      },
      {
        name: "every chain",
        request: () => ({ path: `/api/admin/audit/export?scope=platform` }),
        expect: () => ({
          status: 403,
          message: "Only platform administrators can download the whole platform's audit log.",
        }),
      },
    ],
  },
  "app/api/auth/[...nextauth]/route.ts GET": {
    access: "public",
    why: "next-auth's own endpoints (session, CSRF token, providers) answer anyone; they read only the request's cookies",
    cases: [
      {
        request: () => ({ path: "/api/auth/session", params: { nextauth: ["session"] } }),
        expect: () => ({ status: 200, excludes: ["user"] }),
      },
    ],
  },
  "app/api/auth/[...nextauth]/route.ts POST": {
    access: "public",
    why: "sign-in itself; acts on the credentials posted, never on a session",
    cases: [
      {
        // Another person's email, a wrong password, and no CSRF token: turned away before the
        // password is checked, so not even a failed attempt is recorded.
        request: () => ({
          path: "/api/auth/callback/credentials",
          init: {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: "email=candidate%40northgate.example&password=guess&json=true",
          },
          params: { nextauth: ["callback", "credentials"] },
        }),
        expect: () => ({ status: 200, includes: ["csrf=true"] }),
      },
    ],
  },
  "app/api/evidence/[id]/files/route.ts POST": {
    access: "guarded",
    cases: [
      {
        request: (c) => ({
          path: `/api/evidence/${c.evidence.draft}/files`,
          init: {
            method: "POST",
            headers: { "x-file-name": "evil.pdf", "content-type": "application/octet-stream" },
            body: "%PDF-1.4\n%not really\n",
            duplex: "half",
          } as never,
          params: { id: c.evidence.draft },
        }),
        expect: () => ({ status: 404, message: evidenceGone }),
      },
    ],
  },
  "app/api/files/[id]/route.ts GET": {
    access: "guarded",
    cases: [
      {
        request: (c) => ({ path: `/api/files/${c.files.submitted}`, params: { id: c.files.submitted } }),
        expect: () => ({ status: 404, message: fileNotShared }),
      },
    ],
  },
  "app/api/files/[id]/route.ts HEAD": {
    access: "guarded",
    cases: [
      {
        request: (c) => ({
          path: `/api/files/${c.files.submitted}`,
          init: { method: "HEAD" },
          params: { id: c.files.submitted },
        }),
        expect: () => ({ status: 404, message: fileNotShared }),
      },
    ],
  },
  "app/api/files/[id]/route.ts DELETE": {
    access: "guarded",
    cases: [
      {
        request: (c) => ({
          path: `/api/files/${c.files.draft}`,
          init: { method: "DELETE" },
          params: { id: c.files.draft },
        }),
        expect: () => ({ status: 404, message: fileGone }),
      },
    ],
  },
  "app/api/health/route.ts GET": {
    access: "public",
    why: "load balancers call it; it says only whether the database answers and migrations are current",
    cases: [{ request: () => ({ path: "/api/health" }), expect: () => ({ status: 200, includes: ['"db":"ok"'] }) }],
  },
  "app/api/iqa/report/route.ts GET": {
    access: "guarded",
    cases: [
      {
        except: {
          foreignAdmin: "reads the report of the admin's own centre; the next case checks it holds none of Northgate",
        },
        request: () => ({ path: "/api/iqa/report" }),
        expect: () => ({
          status: 403,
          message: "Only internal quality assurers and centre admins can download the IQA report.",
        }),
      },
      {
        name: "another centre's admin",
        except: {
          foreignCandidate: "refused outright by the first case",
          otherCandidate: "refused outright by the first case",
          unassignedAssessor: "refused outright by the first case",
          outOfScopeEqa: "refused outright by the first case",
        },
        request: () => ({ path: `/api/iqa/report?from=${isoDay(-365)}&to=${isoDay(30)}` }),
        expect: () => ({ status: 200, excludes: ["Cara", "Asha", "Northgate", "Record who witnessed"] }),
      },
    ],
  },
  "app/api/ready/route.ts GET": {
    access: "public",
    why: "load balancers call it; it says only whether migrations are current and the upload directory takes a write (its probe file is removed again)",
    cases: [
      {
        request: () => ({ path: "/api/ready" }),
        expect: () => ({ status: 200, includes: ['"migrations":"current"', '"storage":"ok"'] }),
      },
    ],
  },
  "app/api/unsubscribe/route.ts POST": {
    access: "public",
    why: "mail programs call it from a notification email's List-Unsubscribe header, with no session; only a token signed with the server's secret turns anybody's emails off",
    cases: [
      {
        name: "junk",
        request: () => ({
          path: "/api/unsubscribe?token=someone.forged",
          init: { method: "POST", body: "List-Unsubscribe=One-Click" },
        }),
        expect: () => ({ status: 400, includes: ["not valid"] }),
      },
    ],
  },
  "app/api/metrics/route.ts GET": {
    access: "public",
    why: "Prometheus scrapes it with METRICS_TOKEN, not a session; without that variable (as here) it does not exist, whoever asks",
    cases: [
      { request: () => ({ path: "/api/metrics" }), expect: () => ({ status: 404 }) },
      {
        name: "with a guessed bearer token",
        request: () => ({
          path: "/api/metrics",
          init: { headers: { authorization: "Bearer guessed-token-0123456789" } },
        }),
        expect: () => ({ status: 404, excludes: ["portfolio_"] }),
      },
    ],
  },
  ...visitEntries(),
  ...credentialEntries(),
  "lib/actions/mapping-propose-many.ts proposeMappingsAction": {
    access: "guarded",
    cases: [
      {
        name: "her evidence to her unit, with its equivalent in her other unit",
        args: (c) => [
          null,
          form({
            evidenceId: c.evidence.draft,
            enrolmentId: c.enrolments.cs34,
            criterionId: c.criteria.undecided,
            also: `${c.enrolments.cu782}:${c.criteria.undecided}`,
          }),
        ],
        expect: () => ({ refused: forbidden("mapping.propose") }),
      },
      {
        name: "the attacker's own evidence to her unit",
        except: candidatesOnly("has no evidence of their own to map"),
        args: (c, a) => [
          null,
          form({
            evidenceId: c.evidence.ownEvidence[a as "foreignCandidate" | "otherCandidate"],
            enrolmentId: c.enrolments.cs34,
            criterionId: c.criteria.undecided,
          }),
        ],
        expect: () => ({ refused: forbidden("mapping.propose") }),
      },
      {
        name: "the attacker's own evidence to their own unit, with her unit slipped in as an equivalent",
        except: {
          ...candidatesOnly("has no evidence of their own to map"),
          foreignCandidate: "has no enrolment of their own in the fixture",
        },
        args: (c) => [
          null,
          form({
            evidenceId: c.evidence.ownEvidence.otherCandidate,
            enrolmentId: c.enrolments.devs,
            criterionId: c.criteria.undecided,
            also: `${c.enrolments.cs34}:${c.criteria.undecided}`,
          }),
        ],
        expect: () => ({ refused: forbidden("mapping.propose") }),
      },
    ],
  },
  ...caseEntries(),
  ...uploadEntries(),
};

/**
 * EQA visits and evidence packs (docs/decisions/0020). The target visit is one for the EQA
 * attacker that ended yesterday: they are refused in the policy's words, everyone else finds no
 * such visit.
 */
function visitEntries(): Record<string, Entry & { cases: Case[] }> {
  const visitGone = "That visit was not found. It may have been removed; go back to the list of visits.";
  const onPastVisit = (eqaRefusal: string) => (_: Ctx, attacker: AttackerKey) =>
    attacker === "outOfScopeEqa" ? { refused: eqaRefusal } : { refused: visitGone };
  return {
    "lib/actions/qa-visit.ts createVisitAction": {
      access: "guarded",
      cases: [
        {
          args: (c) => [
            null,
            form({
              centreId: c.centres.northgate,
              eqaUserId: c.attackers.outOfScopeEqa.userId,
              title: "Planted visit",
              firstDay: isoDay(0),
              lastDay: isoDay(3),
              scopeKind: "units",
              unitCodes: "CS34",
            }),
          ],
          expect: () => ({ refused: forbidden("visit.manage") }),
        },
      ],
    },
    "lib/actions/qa-visit.ts changeVisitDatesAction": {
      access: "guarded",
      cases: [
        {
          args: (c) => [null, form({ visitId: c.quality.pastVisit, firstDay: isoDay(0), lastDay: isoDay(30) })],
          expect: onPastVisit(forbidden("visit.manage")),
        },
      ],
    },
    "lib/actions/qa-visit.ts cancelVisitAction": {
      access: "guarded",
      cases: [
        {
          args: (c) => [null, form({ visitId: c.quality.pastVisit, confirm: "yes" })],
          expect: onPastVisit(forbidden("visit.manage")),
        },
      ],
    },
    "lib/actions/qa-visit.ts recordFindingAction": {
      access: "guarded",
      cases: [
        {
          args: (c) => [
            null,
            form({ visitId: c.quality.pastVisit, text: "Planted finding.", dueDate: "", assessorId: "" }),
          ],
          expect: onPastVisit(forbidden("visit.recordFinding")),
        },
      ],
    },
    "app/api/packs/visits/[visitId]/route.ts GET": {
      access: "guarded",
      cases: [
        {
          request: (c) => ({
            path: `/api/packs/visits/${c.quality.pastVisit}`,
            params: { visitId: c.quality.pastVisit },
          }),
          expect: (_, attacker) =>
            attacker === "outOfScopeEqa"
              ? { status: 403, message: forbidden("pack.download") }
              : { status: 404, message: visitGone },
        },
      ],
    },
    "app/api/packs/plans/[planId]/route.ts GET": {
      access: "guarded",
      cases: [
        {
          request: (c) => ({ path: `/api/packs/plans/${c.quality.plan}`, params: { planId: c.quality.plan } }),
          expect: () => ({
            status: 404,
            message: "That sampling plan was not found, or its evidence pack is not yours to download.",
          }),
        },
      ],
    },
    "app/api/packs/enrolments/[enrolmentId]/route.ts GET": {
      access: "guarded",
      cases: [
        {
          request: (c) => ({
            path: `/api/packs/enrolments/${c.enrolments.cs34}`,
            params: { enrolmentId: c.enrolments.cs34 },
          }),
          expect: () => ({
            status: 404,
            message: "That portfolio was not found, or its evidence pack is not yours to download.",
          }),
        },
      ],
    },
  };
}

/**
 * Open Badges credentials (docs/decisions/0021). The issuer's profile, keys and status list and
 * the verifier are public on purpose: a credential is checked by people who have no account.
 * Downloading one is its holder's (and their centre admins').
 */
function credentialEntries(): Record<string, Entry & { cases: Case[] }> {
  const why = "published for verifiers, who have no account; it holds only what a credential already shows";
  const issuer = (path: (c: Ctx) => string, params: (c: Ctx) => Record<string, string>): Case[] => [
    { name: "Northgate", request: (c) => ({ path: path(c), params: params(c) }), expect: () => ({ status: 200 }) },
  ];
  return {
    "app/issuers/[centreId]/route.ts GET": {
      access: "public",
      why,
      cases: issuer(
        (c) => `/issuers/${c.centres.northgate}`,
        (c) => ({ centreId: c.centres.northgate }),
      ),
    },
    "app/issuers/[centreId]/jwks/route.ts GET": {
      access: "public",
      why,
      cases: issuer(
        (c) => `/issuers/${c.centres.northgate}/jwks`,
        (c) => ({ centreId: c.centres.northgate }),
      ),
    },
    "app/issuers/[centreId]/status/route.ts GET": {
      access: "public",
      why,
      cases: issuer(
        (c) => `/issuers/${c.centres.northgate}/status`,
        (c) => ({ centreId: c.centres.northgate }),
      ),
    },
    "app/issuers/[centreId]/keys/[keyId]/route.ts GET": {
      access: "public",
      why,
      cases: [
        {
          name: "a made-up key",
          request: (c) => ({
            path: `/issuers/${c.centres.northgate}/keys/no-such-key`,
            params: { centreId: c.centres.northgate, keyId: "no-such-key" },
          }),
          expect: () => ({ status: 404 }),
        },
      ],
    },
    "app/api/credentials/verify/route.ts POST": {
      access: "public",
      why: "anyone given a credential may check it; it reads and never writes",
      cases: [
        {
          name: "junk",
          request: () => ({
            path: "/api/credentials/verify",
            init: { method: "POST", body: JSON.stringify({ credential: "not.a.credential" }) },
          }),
          expect: () => ({ status: 200, includes: ['"result"'] }),
        },
      ],
    },
    "app/api/credentials/[id]/download/route.ts GET": {
      access: "guarded",
      cases: [
        {
          request: (c) => ({
            path: `/api/credentials/${c.credential}/download?format=jwt`,
            params: { id: c.credential },
          }),
          expect: () => ({ status: 404, message: "That credential was not found, or it is not yours to download." }),
        },
      ],
    },
    "lib/actions/credential-verify.ts verifyCredentialAction": {
      access: "public",
      why: "anyone given a credential may check it; it reads and never writes",
      cases: [
        {
          args: () => [null, form({ credential: "not.a.credential" })],
          expect: () => ({
            returns: {
              ok: true,
              data: { result: "malformed", reason: "This is not a signed credential: its header cannot be read." },
              message: undefined,
              submission: 1,
              values: { credential: "not.a.credential" },
            },
          }),
        },
      ],
    },
    "lib/actions/credential-rotate-key.ts rotateSigningKeyAction": {
      access: "ownData",
      why: "rotates the key of the centre the caller acts in as admin, and takes no centre from the form",
      cases: [
        {
          args: () => [null, form({})],
          except: { foreignAdmin: "rotates their own centre's key, which is theirs to do" },
          expect: () => ({ refused: forbidden("credential.rotateKey") }),
        },
      ],
    },
  };
}

/**
 * Resumable uploads (tus, docs/decisions/0025). Starting one checks the evidence as the
 * one-request upload does; an upload in progress answers only the person who started it, and is
 * "not found" to anyone else, so ids cannot be probed. A refusal writes no UploadSession, no
 * EvidenceFile and no staged bytes (the staging directory is inside the snapshotted one).
 */
function uploadEntries(): Record<string, Entry & { cases: Case[] }> {
  const route = "app/api/uploads/[[...path]]/route.ts";
  type Init = ConstructorParameters<typeof NextRequest>[1];
  const tus = (method: string, headers: Record<string, string> = {}, body?: string): Init => ({
    method,
    headers: { "tus-resumable": "1.0.0", ...headers },
    ...(body === undefined ? {} : ({ body, duplex: "half" } as Init)),
  });
  const b64 = (value: string) => Buffer.from(value, "utf8").toString("base64");
  const theirs = (c: Ctx) => ({ path: `/api/uploads/${c.upload.id}`, params: { path: [c.upload.id] } });
  const uploadGone =
    "This upload cannot be continued: it has finished, was cancelled or abandoned, or is not yours. Choose the file again to upload it.";
  const bytes = "%PDF-1.4\n%not hers to send\n";
  return {
    [`${route} POST`]: {
      access: "guarded",
      cases: [
        {
          // Its first bytes sent with it, the rest to follow: so only the start is checked.
          name: "an upload to her draft evidence, with its first bytes in the same request",
          request: (c) => ({
            path: "/api/uploads",
            init: tus(
              "POST",
              {
                "upload-length": String(2 * bytes.length),
                "upload-metadata": `evidenceId ${b64(c.evidence.draft)},filename ${b64("evil.pdf")}`,
                "content-type": "application/offset+octet-stream",
              },
              bytes,
            ),
          }),
          expect: () => ({ status: 404, message: evidenceGone }),
        },
      ],
    },
    [`${route} PATCH`]: {
      access: "guarded",
      cases: [
        {
          name: "more bytes for her upload in progress",
          request: (c) => ({
            ...theirs(c),
            init: tus(
              "PATCH",
              { "upload-offset": String(c.upload.sent), "content-type": "application/offset+octet-stream" },
              bytes,
            ),
          }),
          expect: () => ({ status: 404, message: uploadGone }),
        },
      ],
    },
    [`${route} HEAD`]: {
      access: "guarded",
      cases: [
        {
          name: "how far her upload got",
          request: (c) => ({ ...theirs(c), init: tus("HEAD") }),
          expect: (c) => ({ status: 404, excludes: [String(c.upload.sent), String(c.upload.length)] }),
        },
      ],
    },
    [`${route} DELETE`]: {
      access: "guarded",
      cases: [
        {
          name: "cancelling her upload",
          request: (c) => ({ ...theirs(c), init: tus("DELETE") }),
          expect: () => ({ status: 404, message: uploadGone }),
        },
      ],
    },
    [`${route} OPTIONS`]: {
      access: "public",
      why: "tus's question of what the server supports (version, extensions, size limit), answered alike to everyone signed in; it names no upload, even with one in the path",
      cases: [
        {
          name: "at her upload's address",
          request: (c) => ({ ...theirs(c), init: tus("OPTIONS") }),
          expect: (c) => ({ status: 204, excludes: [c.upload.id, c.evidence.draft] }),
        },
      ],
    },
  };
}

/** The CASE endpoints publish the standards (public documents) to anyone; junk and unknown ids change nothing. */
function caseEntries(): Record<string, Entry & { cases: Case[] }> {
  const why = "CASE publishes the units, which are public standards, to clients that do not sign in";
  const byId = (kind: string): Case[] => [
    {
      name: "a junk id",
      request: () => ({ path: `/ims/case/v1p0/${kind}/..%2F..%2Fapi%2Fhealth`, params: { id: "../../api/health" } }),
      expect: () => ({ status: 400, includes: ["invalid_uuid"] }),
    },
    {
      name: "an unknown id",
      request: () => ({
        path: `/ims/case/v1p0/${kind}/00000000-0000-4000-8000-000000000000`,
        params: { id: "00000000-0000-4000-8000-000000000000" },
      }),
      expect: () => ({ status: 404, includes: ["unknownobject"] }),
    },
  ];
  return {
    "app/ims/case/v1p0/CFDocuments/route.ts GET": {
      access: "public",
      why,
      cases: [
        {
          request: () => ({ path: "/ims/case/v1p0/CFDocuments" }),
          expect: () => ({ status: 200, includes: ["CS34"] }),
        },
      ],
    },
    "app/ims/case/v1p0/CFDocuments/[id]/route.ts GET": { access: "public", why, cases: byId("CFDocuments") },
    "app/ims/case/v1p0/CFPackages/[id]/route.ts GET": { access: "public", why, cases: byId("CFPackages") },
    "app/ims/case/v1p0/CFItems/[id]/route.ts GET": { access: "public", why, cases: byId("CFItems") },
    "app/ims/case/v1p0/CFAssociations/[id]/route.ts GET": { access: "public", why, cases: byId("CFAssociations") },
  };
}

// ---------------------------------------------------------------------------------------
// The real set of actions and handlers, and calling them.

const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const callables = new Map<string, (...args: unknown[]) => Promise<unknown>>();

/** Each "use server" module under lib/actions, by file and export. */
async function loadActions(): Promise<void> {
  const dir = path.resolve("lib/actions");
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()) {
    const source = fs.readFileSync(path.join(dir, file), "utf8");
    if (!/^(\s*(\/\/.*|\/\*[\s\S]*?\*\/))*\s*["']use server["']/.test(source)) continue;
    const exported = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value === "function") callables.set(`lib/actions/${file} ${name}`, value as never);
    }
  }
}

/** Each app/**\/route.ts, by file and HTTP method. */
async function loadRoutes(): Promise<void> {
  const files = (fs.readdirSync(path.resolve("app"), { recursive: true }) as string[])
    .filter((f) => path.basename(f) === "route.ts")
    .sort();
  for (const file of files) {
    const exported = (await import(path.resolve("app", file))) as Record<string, unknown>;
    for (const method of httpMethods) {
      if (typeof exported[method] === "function")
        callables.set(`app/${file.split(path.sep).join("/")} ${method}`, exported[method] as never);
    }
  }
}

type Outcome =
  | { returned: unknown }
  | { navigated: NavigationSignal }
  | { threw: unknown }
  | { response: { status: number; body: string } };

async function call(key: string, c: Case, attacker: AttackerKey): Promise<Outcome> {
  const target = callables.get(key);
  if (!target) throw new Error(`${key} is in the table but is not an action or route handler any more`);
  requestContext.reset();
  requestContext.userId = ctx.attackers[attacker].userId;
  try {
    if ("args" in c) return { returned: await target(...c.args(ctx, attacker)) };
    const { path: address, init, params } = c.request(ctx, attacker);
    const response = (await target(new NextRequest(new URL(address, baseUrl), init), {
      params: Promise.resolve(params ?? {}),
    })) as Response;
    return { response: { status: response.status, body: await response.text() } };
  } catch (error) {
    return error instanceof NavigationSignal ? { navigated: error } : { threw: error };
  }
}

/** The refusal in the state an action returned: { ok: false, message }, { result: { ok: false, message } } or { message }. */
function refusalIn(value: unknown): { message: unknown; fieldErrors?: unknown } {
  const state = value as
    | {
        ok?: unknown;
        message?: unknown;
        result?: { ok?: unknown; message?: unknown; fieldErrors?: unknown };
        fieldErrors?: unknown;
      }
    | null
    | undefined;
  const refusal = state?.result ?? state;
  expect(refusal?.ok, `the action reported success: ${JSON.stringify(value)}`).not.toBe(true);
  return { message: refusal?.message, fieldErrors: refusal?.fieldErrors };
}

function messageIn(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === "string") return parsed.message;
  } catch {
    // plain text
  }
  return body;
}

function expectOutcome(outcome: Outcome, expected: Expected): void {
  if ("threw" in outcome) throw outcome.threw;
  if ("refused" in expected) {
    expect(outcome, "expected the action to return a refusal").toHaveProperty("returned");
    const refusal = refusalIn((outcome as { returned: unknown }).returned);
    expect(refusal.message).toBe(expected.refused);
    if (expected.fieldErrors) expect(refusal.fieldErrors).toEqual(expected.fieldErrors);
    expect(requestContext.revalidated, "a refused action revalidated pages").toEqual([]);
  } else if ("status" in expected) {
    expect(outcome, "expected the route to answer").toHaveProperty("response");
    const { status, body } = (outcome as { response: { status: number; body: string } }).response;
    expect({ status, body: body.slice(0, 300) }).toMatchObject({ status: expected.status });
    if (expected.message !== undefined) expect(messageIn(body)).toBe(expected.message);
    for (const text of expected.includes ?? []) expect(body).toContain(text);
    for (const text of expected.excludes ?? []) expect(body).not.toContain(text);
  } else if ("redirect" in expected) {
    expect(outcome, "expected a redirect").toHaveProperty("navigated");
    const signal = (outcome as { navigated: NavigationSignal }).navigated;
    expect({ kind: signal.kind, to: signal.to }).toEqual({ kind: "redirect", to: expected.redirect });
  } else {
    expect(outcome).toEqual({ returned: expected.returns });
  }
}

// ---------------------------------------------------------------------------------------

let ctx: Ctx;
let snapshotter: Snapshotter | undefined;
let baseline: Snapshot;
let undoCommonJs: (() => void) | undefined;
const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), "cp-cross-tenant-"));
const savedEnv = { ...process.env };

beforeAll(async () => {
  // The app reads its configuration once, when lib/env is first imported: only now, with the
  // test database made, are the app's modules loaded.
  Object.assign(process.env, {
    DATABASE_URL: state.url,
    STORAGE_DIR: storageDir,
    // Inside the snapshotted directory, so staged bytes written by a call are seen.
    UPLOAD_STAGING_DIR: path.join(storageDir, "upload-staging"),
    NEXTAUTH_SECRET: "cross-tenant-suite-secret-0123456789abcdef",
    NEXTAUTH_URL: baseUrl,
  });
  delete process.env.SMTP_URL;
  const { env } = await import("@/lib/env");
  expect(env.DATABASE_URL, "lib/env was loaded before the test database was made").toBe(state.url);
  undoCommonJs = fakeHeadersForCommonJs();

  const { loadCrossTenantFixture } = await import("../helpers/cross-tenant-fixture");
  ctx = await loadCrossTenantFixture(state.db, { baseUrl });
  const { invitationMessages } = await import("@/lib/people/find-invitation");
  const { noCentreMessage } = await import("@/lib/actions/evidence-form-state");
  const { resetMessages } = await import("@/lib/auth/password-reset");
  Object.assign(messages, {
    invitationUnknown: invitationMessages.unknown,
    invitationOtherAccount: invitationMessages.otherAccount,
    noCandidateRole: noCentreMessage,
    resetRequested: resetMessages.requested,
    resetInvalid: resetMessages.invalid,
    witnessLinkInvalid: (await import("@/lib/witness/state")).linkMessages.invalid,
  });

  await loadActions();
  await loadRoutes();
  snapshotter = await openSnapshotter(state.url, { storageDir });
  baseline = await snapshotter.take();
}, 180_000);

afterAll(async () => {
  await snapshotter?.close();
  undoCommonJs?.();
  await releaseAppModules(savedEnv);
  fs.rmSync(storageDir, { recursive: true, force: true });
});

it("has an entry for every server action and route handler, and no entry for anything else", () => {
  const real = [...callables.keys()].sort();
  const listed = Object.keys(entries).sort();
  expect({
    withoutEntry: real.filter((key) => !listed.includes(key)),
    entryWithoutCode: listed.filter((key) => !real.includes(key)),
  }).toEqual({
    withoutEntry: [],
    entryWithoutCode: [],
  });
});

for (const [key, entry] of Object.entries(entries)) {
  describe(`${key} (${entry.access}${"why" in entry ? `: ${entry.why}` : ""})`, () => {
    for (const c of entry.cases) {
      for (const attacker of attackerKeys.filter((a) => !c.except?.[a])) {
        it(`${c.name ? `${c.name}, ` : ""}as ${attacker}: ${entry.access === "guarded" ? "refused, " : ""}nothing written`, async () => {
          const before = baseline;
          const outcome = await call(key, c, attacker);
          let after = await (snapshotter as Snapshotter).take();
          if (c.writes) {
            const grown = Object.fromEntries(
              [...after]
                .filter(([table, now]) => now.hash !== before.get(table)?.hash)
                .map(([table, now]) => [table, now.rows - (before.get(table)?.rows ?? 0)]),
            );
            expect(grown, "the tables the call writes on purpose").toEqual(c.writes.rows);
            await c.writes.check(state.db, ctx);
            after = await (snapshotter as Snapshotter).take();
          }
          // Re-baselined so one write fails only its own test.
          baseline = after;
          expect
            .soft(changedTables(before, after), "the call wrote to the database or the upload directory")
            .toEqual([]);
          expect(requestContext.cookiesSet, "the call set a cookie").toEqual([]);
          expectOutcome(outcome, c.expect(ctx, attacker));
        });
      }
    }
  });
}
