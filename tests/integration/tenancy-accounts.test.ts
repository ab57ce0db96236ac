import { beforeAll, describe, expect, it } from "vitest";
import { loadActor, type SessionActor } from "@/lib/auth/actor";
import { EndedSessionError, endSessions, liveSessionVersion, sessionToken } from "@/lib/auth/end-sessions";
import {
  findPasswordReset,
  requestPasswordReset,
  resetMessages,
  resetPassword,
  sendPasswordResetLink,
} from "@/lib/auth/password-reset";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { ForbiddenError } from "@/lib/authz/policy";
import { seedDemo } from "@/lib/demo/seed";
import { acceptInvitation, acceptInvitationSignedIn } from "@/lib/people/accept-invitation";
import { invitationMessages } from "@/lib/people/find-invitation";
import { getPerson } from "@/lib/people/get-person";
import { importCandidatesCsv } from "@/lib/people/import-candidates-csv";
import { invitePerson } from "@/lib/people/invite-person";
import { listOutbox } from "@/lib/people/list-outbox";
import { listPeople } from "@/lib/people/list-people";
import { setDeactivated } from "@/lib/people/set-deactivated";
import { setAccountDisabled } from "@/lib/platform/account-status";
import { importStandards } from "@/lib/standards/import";
import { rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// Centres are tenants of one install, while an account is global (ADR 0009): one centre's admin
// must not be able to reach, lock out, identify or take over anyone through another centre.

const state = useMigratedDb();
const baseUrl = "http://portfolio.test";
const password = "a-long-enough-password";

async function actorFor(email: string): Promise<SessionActor> {
  const user = await state.db.user.findUniqueOrThrow({ where: { email } });
  const actor = await loadActor(state.db, user.id);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

/** The roles the person can use now, as "centre-slug:ROLE". */
async function rolesOf(email: string): Promise<string[] | null> {
  const user = await state.db.user.findUniqueOrThrow({ where: { email } });
  const actor = await loadActor(state.db, user.id);
  if (!actor) return null;
  const slugs = new Map((await state.db.centre.findMany()).map((c) => [c.id, c.slug]));
  return actor.roles.map((r) => `${slugs.get(r.centreId)}:${r.role}`).sort();
}

function tokenOf(link: string | null | undefined, path = "/invite/"): string {
  const token = link?.split(path)[1];
  if (!token) throw new Error(`not a link: ${link}`);
  return token;
}

const northgateAdmin = () => actorFor("admin@northgate.example");
const riversideAdmin = () => actorFor("admin@riverside.example");

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
});

describe("1. deactivation ends a membership, not the account", () => {
  it("a Riverside admin who deactivates a Northgate assessor they invited ends only the Riverside roles", async () => {
    const invited = await invitePerson(
      state.db,
      await riversideAdmin(),
      { name: "Asha P", email: "assessor@northgate.example", roles: ["ASSESSOR"] },
      { baseUrl },
    );
    const asha = await actorFor("assessor@northgate.example");
    await acceptInvitationSignedIn(state.db, asha.userId, tokenOf(invited.invitationLink));
    expect(await rolesOf("assessor@northgate.example")).toEqual(["northgate:ASSESSOR", "riverside:ASSESSOR"]);

    const result = await setDeactivated(state.db, await riversideAdmin(), { userId: asha.userId, deactivated: true });
    expect(result.status).toBe("deactivated");
    // Still works at Northgate: signs in, keeps the Northgate role, and the session survives.
    expect(await rolesOf("assessor@northgate.example")).toEqual(["northgate:ASSESSOR"]);
    expect((await signInWithPassword(state.db, "assessor@northgate.example", "demo-password-2026")).ok).toBe(true);
    const account = await state.db.user.findUniqueOrThrow({ where: { id: asha.userId } });
    expect(account.deactivatedAt).toBeNull();
    expect(await liveSessionVersion(state.db, asha.userId)).toBe(asha && account.sessionVersion);

    await setDeactivated(state.db, await riversideAdmin(), { userId: asha.userId, deactivated: false });
    expect(await rolesOf("assessor@northgate.example")).toEqual(["northgate:ASSESSOR", "riverside:ASSESSOR"]);
  });

  it("ends the sessions of someone left with no centre at all", async () => {
    const rhys = await actorFor("candidate@riverside.example");
    const before = await liveSessionVersion(state.db, rhys.userId);
    await setDeactivated(state.db, await riversideAdmin(), { userId: rhys.userId, deactivated: true });
    expect(await liveSessionVersion(state.db, rhys.userId)).toBe((before ?? 0) + 1);
    expect(await rolesOf("candidate@riverside.example")).toEqual([]);
    await setDeactivated(state.db, await riversideAdmin(), { userId: rhys.userId, deactivated: false });
  });

  it("only a platform admin disables an account, everywhere", async () => {
    const target = { email: "assessor2@northgate.example", disabled: true };
    expect(await rejection(setAccountDisabled(state.db, await northgateAdmin(), target))).toBeInstanceOf(
      ForbiddenError,
    );
    const platform = await actorFor("platform@example.org");
    const ben = await state.db.user.findUniqueOrThrow({ where: { email: target.email } });
    await setAccountDisabled(state.db, platform, target);
    expect(await rolesOf(target.email)).toBeNull();
    expect(await liveSessionVersion(state.db, ben.id)).toBeNull();
    expect((await signInWithPassword(state.db, target.email, "demo-password-2026")).ok).toBe(false);
    await setAccountDisabled(state.db, platform, { ...target, disabled: false });
    expect(await rolesOf(target.email)).toEqual(["northgate:ASSESSOR"]);
  });
});

describe("2. an admin learns nothing about accounts beyond their centre", () => {
  it("the invitation report reads the same for an existing email and a new one", async () => {
    const admin = await riversideAdmin();
    const now = new Date();
    const existing = await invitePerson(
      state.db,
      admin,
      { name: "Typed Name", email: "candidate2@northgate.example", roles: ["CANDIDATE"] },
      { baseUrl, now },
    );
    const fresh = await invitePerson(
      state.db,
      admin,
      { name: "Typed Name", email: "brand.new@example.org", roles: ["CANDIDATE"] },
      { baseUrl, now },
    );
    const shape = (r: typeof existing) => ({
      ...r,
      userId: "",
      email: "",
      invitationLink: typeof r.invitationLink,
      outboxMessageIds: r.outboxMessageIds.length,
      message: r.message.replace(r.email, "EMAIL"),
    });
    expect(shape(existing)).toEqual(shape(fresh));
    expect(JSON.stringify(existing)).not.toContain("Dev Shah");

    // The people list, its search and the person page show the typed name, never the account's.
    const people = await listPeople(state.db, admin, { query: "dev shah" });
    expect(people.people).toEqual([]);
    const listed = await listPeople(state.db, admin, { query: "candidate2@northgate" });
    expect(listed.people.map((p) => [p.name, p.status])).toEqual([["Typed Name", "invited"]]);
    const person = await getPerson(state.db, admin, existing.userId);
    expect(person.name).toBe("Typed Name");
    expect(JSON.stringify(person)).not.toContain("Dev Shah");
  });

  it("the person page shows no sign-ins or failed sign-ins (they belong to the account, not the centre)", async () => {
    await signInWithPassword(state.db, "candidate2@northgate.example", "wrong-password-here");
    await signInWithPassword(state.db, "candidate2@northgate.example", "demo-password-2026");
    const dev = await state.db.user.findUniqueOrThrow({ where: { email: "candidate2@northgate.example" } });
    const riverside = await getPerson(state.db, await riversideAdmin(), dev.id);
    expect(riverside.recentEvents.map((e) => e.action).filter((a) => a.startsWith("auth."))).toEqual([]);
    const northgate = await getPerson(state.db, await northgateAdmin(), dev.id);
    expect(northgate.recentEvents.map((e) => e.action).filter((a) => a.startsWith("auth."))).toEqual([]);
  });

  it("the CSV import report reads the same for existing and new emails", async () => {
    const report = await importCandidatesCsv(
      state.db,
      await riversideAdmin(),
      { text: "name,email\nFirst Typed,iqa@northgate.example\nSecond Typed,another.new@example.org\n", sizeBytes: 80 },
      { baseUrl },
    );
    expect(report.imported).toBe(true);
    expect(report.rows.map((r) => [r.name, r.outcome, Boolean(r.invitationLink)])).toEqual([
      ["First Typed", "invited", true],
      ["Second Typed", "invited", true],
    ]);
    expect(JSON.stringify(report)).not.toContain("Iris Quinn");
    expect(await rolesOf("iqa@northgate.example")).toEqual(["northgate:IQA"]);
  });
});

describe("3. no centre's role attaches before the person accepts that centre's invitation", () => {
  it("Riverside pre-claims an email; Northgate's later invitation gives Riverside's admin nothing", async () => {
    // Riverside's admin invites a Northgate address and sets its password with the link they saw.
    const claimed = await invitePerson(
      state.db,
      await riversideAdmin(),
      { name: "X", email: "x@northgate.example", roles: ["CANDIDATE"] },
      { baseUrl },
    );
    await acceptInvitation(state.db, { token: tokenOf(claimed.invitationLink), password, confirmPassword: password });

    const northgate = await invitePerson(
      state.db,
      await northgateAdmin(),
      { name: "Xavier", email: "x@northgate.example", roles: ["ASSESSOR"] },
      { baseUrl },
    );
    expect(northgate.message).not.toMatch(/other centre/);
    // Waiting: the account (controlled by Riverside's admin) has no Northgate role.
    expect(await rolesOf("x@northgate.example")).toEqual(["riverside:CANDIDATE"]);
    // Northgate's link cannot set the password of an account that has one (it would be a takeover)...
    const refused = await rejection(
      acceptInvitation(state.db, {
        token: tokenOf(northgate.invitationLink),
        password: "another-long-password",
        confirmPassword: "another-long-password",
      }),
    );
    expect(refused).toMatchObject({ userMessage: invitationMessages.signInToAccept });
    // ...nor be accepted by another account signed in.
    const someoneElse = await actorFor("candidate@northgate.example");
    expect(
      await rejection(acceptInvitationSignedIn(state.db, someoneElse.userId, tokenOf(northgate.invitationLink))),
    ).toMatchObject({ userMessage: invitationMessages.otherAccount });
    expect(await rolesOf("x@northgate.example")).toEqual(["riverside:CANDIDATE"]);

    // The real owner resets the password through their mailbox, which ends the squatter's sessions...
    const x = await state.db.user.findUniqueOrThrow({ where: { email: "x@northgate.example" } });
    await requestPasswordReset(state.db, "x@northgate.example", { baseUrl });
    const mail = await state.db.outboxMessage.findFirstOrThrow({
      where: { to: "x@northgate.example", subject: "Choose a new password" },
      orderBy: { createdAt: "desc" },
    });
    const resetToken = tokenOf(mail.body.match(/\S+\/reset-password\/\S+/)?.[0], "/reset-password/");
    await resetPassword(state.db, {
      token: resetToken,
      password: "the-owners-own-password",
      confirmPassword: "the-owners-own-password",
    });
    expect(await liveSessionVersion(state.db, x.id)).toBe(x.sessionVersion + 1);
    // ...then signs in and accepts Northgate's invitation.
    await acceptInvitationSignedIn(state.db, x.id, tokenOf(northgate.invitationLink));
    expect(await rolesOf("x@northgate.example")).toEqual(["northgate:ASSESSOR", "riverside:CANDIDATE"]);
  });

  it("two centres invite a new email: each link sets up only its own centre, whichever is used first", async () => {
    const r = await invitePerson(
      state.db,
      await riversideAdmin(),
      { name: "Y", email: "y@example.org", roles: ["CANDIDATE"] },
      { baseUrl },
    );
    const n = await invitePerson(
      state.db,
      await northgateAdmin(),
      { name: "Y", email: "y@example.org", roles: ["IQA"] },
      { baseUrl },
    );
    expect(await rolesOf("y@example.org")).toEqual([]);
    await acceptInvitation(state.db, { token: tokenOf(n.invitationLink), password, confirmPassword: password });
    expect(await rolesOf("y@example.org")).toEqual(["northgate:IQA"]);
    // Riverside's link no longer sets a password; it waits for the person to sign in.
    expect(
      await rejection(
        acceptInvitation(state.db, {
          token: tokenOf(r.invitationLink),
          password: "riverside-admin-pw",
          confirmPassword: "riverside-admin-pw",
        }),
      ),
    ).toMatchObject({
      userMessage: invitationMessages.signInToAccept,
    });
    expect(await rolesOf("y@example.org")).toEqual(["northgate:IQA"]);
  });
});

describe("15. password reset", () => {
  it("answers the same for unknown and known emails, and mails a one-hour, single-use link to the account only", async () => {
    const unknown = await requestPasswordReset(state.db, "nobody@example.org", { baseUrl });
    expect(unknown.outboxMessageIds).toEqual([]);
    const now = new Date();
    const known = await requestPasswordReset(state.db, "Candidate@Northgate.example", { baseUrl, now });
    expect(known.outboxMessageIds).toHaveLength(1);
    const mail = await state.db.outboxMessage.findUniqueOrThrow({ where: { id: known.outboxMessageIds[0] } });
    // No centre: it never shows in a centre's outbox.
    expect(mail).toMatchObject({ to: "candidate@northgate.example", centreId: null });
    const token = tokenOf(mail.body.match(/\S+\/reset-password\/\S+/)?.[0], "/reset-password/");
    expect(await findPasswordReset(state.db, token, new Date(now.getTime() + 61 * 60_000))).toEqual({
      ok: false,
      message: resetMessages.expired,
    });

    const cara = await state.db.user.findUniqueOrThrow({ where: { email: "candidate@northgate.example" } });
    const weak = await rejection(resetPassword(state.db, { token, password: "short", confirmPassword: "short" }));
    expect(weak).toMatchObject({ fieldErrors: { password: ["Use at least 12 characters."] } });
    await resetPassword(state.db, { token, password: "caras-new-password", confirmPassword: "caras-new-password" });
    expect((await signInWithPassword(state.db, "candidate@northgate.example", "caras-new-password")).ok).toBe(true);
    expect(await liveSessionVersion(state.db, cara.id)).toBe(cara.sessionVersion + 1);
    expect(
      await rejection(
        resetPassword(state.db, { token, password: "yet-another-password", confirmPassword: "yet-another-password" }),
      ),
    ).toMatchObject({
      userMessage: resetMessages.invalid,
    });
  });

  it("a centre admin sends a member a link they never see, and cannot for another centre's people", async () => {
    const admin = await northgateAdmin();
    const dev = await state.db.user.findUniqueOrThrow({ where: { email: "candidate2@northgate.example" } });
    const sent = await sendPasswordResetLink(state.db, admin, { userId: dev.id }, { baseUrl });
    const mail = await state.db.outboxMessage.findUniqueOrThrow({ where: { id: sent.outboxMessageIds[0] } });
    expect(mail.centreId).toBeNull();
    const outbox = await listOutbox(state.db, admin, {});
    expect(JSON.stringify(outbox)).not.toContain("/reset-password/");

    const rhys = await state.db.user.findUniqueOrThrow({ where: { email: "candidate@riverside.example" } });
    expect(await rejection(sendPasswordResetLink(state.db, admin, { userId: rhys.id }, { baseUrl }))).toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("stops after three links an hour for one account", async () => {
    const now = new Date("2030-01-01T10:00:00Z");
    const counts = [];
    for (let i = 0; i < 4; i++)
      counts.push(
        (await requestPasswordReset(state.db, "iqa@northgate.example", { baseUrl, now })).outboxMessageIds.length,
      );
    expect(counts).toEqual([1, 1, 1, 0]);
  });
});

describe("7. ending sessions", () => {
  it("a token from before sign-out, a password reset or disabling is refused; a fresh sign-in works", async () => {
    const iris = await state.db.user.findUniqueOrThrow({ where: { email: "iqa@northgate.example" } });
    const token = await sessionToken(state.db, { sub: "ignored" }, { id: iris.id });
    expect(token).toMatchObject({ sub: iris.id });
    expect(await sessionToken(state.db, token)).toEqual(token);
    await endSessions(state.db, iris.id);
    expect(await rejection(sessionToken(state.db, token))).toBeInstanceOf(EndedSessionError);
    const fresh = await sessionToken(state.db, {}, { id: iris.id });
    expect(await sessionToken(state.db, fresh)).toEqual(fresh);
  });
});
