import crypto from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { loadActor, type SessionActor } from "@/lib/auth/actor";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { ForbiddenError } from "@/lib/authz/policy";
import { seedDemo } from "@/lib/demo/seed";
import { AppError, InputError } from "@/lib/errors";
import { OutboxMailer } from "@/lib/mail/outbox-mailer";
import { SmtpMailer, type MailTransport } from "@/lib/mail/smtp-mailer";
import { acceptInvitation } from "@/lib/people/accept-invitation";
import { getCentreOverview } from "@/lib/people/centre-overview";
import { changeRoles } from "@/lib/people/change-roles";
import { findInvitation } from "@/lib/people/find-invitation";
import { getPerson } from "@/lib/people/get-person";
import { CSV_MAX_BYTES, importCandidatesCsv } from "@/lib/people/import-candidates-csv";
import { hashInvitationToken } from "@/lib/people/invitation";
import { invitePerson } from "@/lib/people/invite-person";
import { listOutbox } from "@/lib/people/list-outbox";
import { listPeople } from "@/lib/people/list-people";
import { resendInvitation } from "@/lib/people/resend-invitation";
import { setDeactivated } from "@/lib/people/set-deactivated";
import { importStandards } from "@/lib/standards/import";
import { useMigratedDb } from "../helpers/test-db";

const state = useMigratedDb();
const baseUrl = "http://portfolio.test";
const day = 86_400_000;
const expiredMessage = "This invitation link has expired. Ask your centre admin for a new one.";

let northgateId = "";
let riversideId = "";

async function actorFor(email: string): Promise<SessionActor> {
  const user = await state.db.user.findUniqueOrThrow({ where: { email } });
  const actor = await loadActor(state.db, user.id);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

async function userId(email: string): Promise<string> {
  return (await state.db.user.findUniqueOrThrow({ where: { email } })).id;
}

function tokenOf(link: string | null): string {
  const token = link?.split("/invite/")[1];
  if (!token) throw new Error(`not an invitation link: ${link}`);
  return token;
}

function csv(...lines: string[]) {
  const text = lines.join("\n");
  return { text, sizeBytes: Buffer.byteLength(text) };
}

/** Invites someone new to Northgate as the Northgate admin and returns the token of their link. */
async function invite(email: string, roles: string[] = ["CANDIDATE"], name = "Test Person", now?: Date) {
  const result = await invitePerson(
    state.db,
    await actorFor("admin@northgate.example"),
    { name, email, roles },
    { baseUrl, now },
  );
  return { result, token: tokenOf(result.invitationLink) };
}

async function inviteAndAccept(email: string, password = "a-long-enough-password") {
  const { result, token } = await invite(email);
  await acceptInvitation(state.db, { token, password, confirmPassword: password });
  return result.userId;
}

beforeAll(async () => {
  const report = await importStandards(state.db);
  expect(report.errors).toEqual([]);
  await seedDemo(state.db);
  northgateId = (await state.db.centre.findUniqueOrThrow({ where: { slug: "northgate" } })).id;
  riversideId = (await state.db.centre.findUniqueOrThrow({ where: { slug: "riverside" } })).id;
});

describe("inviting a person", () => {
  it("creates the user, their membership, an invitation storing only the token's hash, an outbox message and an audit event", async () => {
    const { result, token } = await invite(
      "  New.Person@Example.ORG ",
      ["ASSESSOR", "CANDIDATE", "ASSESSOR"],
      "New Person",
    );
    expect(result).toMatchObject({
      email: "new.person@example.org",
      name: "New Person",
      rolesAdded: ["CANDIDATE", "ASSESSOR"],
    });
    expect(result.invitationLink).toMatch(/^http:\/\/portfolio\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);

    const user = await state.db.user.findUniqueOrThrow({
      where: { email: "new.person@example.org" },
      include: { memberships: true, invitations: true },
    });
    expect(user.passwordHash).toBeNull();
    // The roles wait for the person to accept (ADR 0009).
    expect(user.memberships.map((m) => [m.centreId, m.role, m.awaitingAcceptance, m.invitedName]).sort()).toEqual([
      [northgateId, "ASSESSOR", true, "New Person"],
      [northgateId, "CANDIDATE", true, "New Person"],
    ]);
    expect(user.invitations).toHaveLength(1);
    const invitation = user.invitations[0];
    expect(invitation?.tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(invitation)).not.toContain(token);
    expect(invitation?.centreId).toBe(northgateId);
    expect(invitation?.createdById).toBe(await userId("admin@northgate.example"));
    const validFor = (invitation?.expiresAt.getTime() ?? 0) - (invitation?.createdAt.getTime() ?? 0);
    expect(validFor).toBe(7 * day);

    const outbox = await state.db.outboxMessage.findMany({ where: { to: "new.person@example.org" } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      centreId: northgateId,
      sentAt: null,
      subject: "Your invitation to Northgate Training Centre",
    });
    expect(outbox[0]?.body).toContain(result.invitationLink);
    expect(result.outboxMessageIds).toEqual([outbox[0]?.id]);

    const audit = await state.db.auditEvent.findMany({ where: { action: "person.invite", entityId: user.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      centreId: northgateId,
      actorId: await userId("admin@northgate.example"),
      entityType: "User",
    });
  });

  it("invites an existing account without a second one: its roles wait for it to accept, and nothing about the account is told", async () => {
    const before = await state.db.user.count();
    const admin = await actorFor("admin@northgate.example");
    const result = await invitePerson(
      state.db,
      admin,
      { name: "Someone Else", email: "ASSESSOR@riverside.example", roles: ["ASSESSOR", "IQA"] },
      { baseUrl },
    );
    expect(result).toMatchObject({
      name: "Someone Else",
      rolesAdded: ["ASSESSOR", "IQA"],
      invitationLink: expect.stringContaining("/invite/"),
    });
    expect(JSON.stringify(result)).not.toContain("Raj Rao");
    expect(await state.db.user.count()).toBe(before);
    const raj = await state.db.user.findUniqueOrThrow({
      where: { email: "assessor@riverside.example" },
      include: { memberships: true, invitations: true },
    });
    expect(
      raj.memberships
        .map(
          (m) => `${m.centreId === northgateId ? "N" : "R"}:${m.role}:${m.awaitingAcceptance ? "waiting" : "active"}`,
        )
        .sort(),
    ).toEqual(["N:ASSESSOR:waiting", "N:IQA:waiting", "R:ASSESSOR:active"]);
    expect((await loadActor(state.db, raj.id))?.roles.map((r) => r.role)).toEqual(["ASSESSOR"]);
    expect(raj.invitations).toHaveLength(1);

    // Only the roles they lack are added; all of them held already is an error.
    const again = await invitePerson(
      state.db,
      admin,
      { name: "Raj Rao", email: "assessor@riverside.example", roles: ["IQA", "CANDIDATE"] },
      { baseUrl },
    );
    expect(again.rolesAdded).toEqual(["CANDIDATE"]);
    await expect(
      invitePerson(
        state.db,
        admin,
        { name: "Raj Rao", email: "assessor@riverside.example", roles: ["ASSESSOR"] },
        { baseUrl },
      ),
    ).rejects.toThrowError(AppError);
    await expect(
      invitePerson(
        state.db,
        admin,
        { name: "Raj Rao", email: "assessor@riverside.example", roles: ["ASSESSOR"] },
        { baseUrl },
      ),
    ).rejects.toMatchObject({
      userMessage: expect.stringContaining("already has that role at Northgate Training Centre"),
    });
  });

  it("says what is wrong with each field", async () => {
    const admin = await actorFor("admin@northgate.example");
    const attempt = invitePerson(state.db, admin, { name: " ", email: "not-an-email", roles: [] }, { baseUrl });
    await expect(attempt).rejects.toThrowError(InputError);
    const error = (await attempt.catch((e: unknown) => e)) as InputError;
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["email", "name", "roles"]);
    expect(error.fieldErrors.roles).toEqual(["Choose at least one role."]);
    await expect(
      invitePerson(state.db, admin, { name: "X", email: "x@example.org", roles: ["OWNER"] }, { baseUrl }),
    ).rejects.toThrowError(InputError);
  });
});

describe("accepting an invitation", () => {
  it("sets a password that then signs in, once", async () => {
    const { token } = await invite("accept.me@example.org");
    expect(await signInWithPassword(state.db, "accept.me@example.org", "correct-horse-battery")).toMatchObject({
      ok: false,
    });
    const found = await findInvitation(state.db, token);
    expect(found).toMatchObject({ ok: true, email: "accept.me@example.org", centreName: "Northgate Training Centre" });

    await expect(
      acceptInvitation(state.db, {
        token,
        password: "correct-horse-battery",
        confirmPassword: "correct-horse-battery",
      }),
    ).resolves.toEqual({
      email: "accept.me@example.org",
    });
    const signIn = await signInWithPassword(state.db, "Accept.Me@example.org", "correct-horse-battery");
    expect(signIn).toEqual({ ok: true, userId: await userId("accept.me@example.org") });

    const invitation = await state.db.invitation.findUniqueOrThrow({
      where: { tokenHash: hashInvitationToken(token) },
    });
    expect(invitation.usedAt).not.toBeNull();
    expect(
      await state.db.auditEvent.count({ where: { action: "invitation.accept", entityId: invitation.userId } }),
    ).toBe(1);

    // The same link again: refused, and the password stays as it was.
    await expect(
      acceptInvitation(state.db, { token, password: "another-password-123", confirmPassword: "another-password-123" }),
    ).rejects.toMatchObject({
      userMessage: expect.stringContaining("already been used"),
    });
    expect(await signInWithPassword(state.db, "accept.me@example.org", "correct-horse-battery")).toMatchObject({
      ok: true,
    });
  });

  it("refuses an expired link with a clear message", async () => {
    const eightDaysAgo = new Date(Date.now() - 8 * day);
    const { token } = await invite("too.late@example.org", ["CANDIDATE"], "Too Late", eightDaysAgo);
    expect(await findInvitation(state.db, token)).toEqual({ ok: false, reason: "expired", message: expiredMessage });
    const attempt = acceptInvitation(state.db, {
      token,
      password: "a-long-enough-password",
      confirmPassword: "a-long-enough-password",
    });
    await expect(attempt).rejects.toThrowError(AppError);
    await expect(attempt).rejects.toMatchObject({ userMessage: expiredMessage });
    expect(
      (await state.db.user.findUniqueOrThrow({ where: { email: "too.late@example.org" } })).passwordHash,
    ).toBeNull();
  });

  it("refuses unknown and malformed tokens", async () => {
    const unknown = crypto.randomBytes(32).toString("base64url");
    expect(await findInvitation(state.db, unknown)).toMatchObject({ ok: false, reason: "unknown" });
    expect(await findInvitation(state.db, "short")).toMatchObject({ ok: false, reason: "unknown" });
    await expect(
      acceptInvitation(state.db, {
        token: unknown,
        password: "a-long-enough-password",
        confirmPassword: "a-long-enough-password",
      }),
    ).rejects.toThrowError(AppError);
  });

  it("applies the password rules and checks the confirmation", async () => {
    const { token } = await invite("rules.person@example.org");
    const refuse = async (password: string, confirmPassword = password) => {
      const error = await acceptInvitation(state.db, { token, password, confirmPassword }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).fieldErrors;
    };
    expect((await refuse("elevenchars")).password).toEqual(["Use at least 12 characters."]);
    expect((await refuse("Rules.Person@example.org")).password).toEqual([
      "Do not use your email address as your password.",
    ]);
    expect((await refuse("a-long-enough-password", "a-long-enough-passwort")).confirmPassword).toEqual([
      "The two passwords are different. Type the same password in both boxes.",
    ]);
    // Nothing was used up by the refusals.
    expect(await findInvitation(state.db, token)).toMatchObject({ ok: true });
    await acceptInvitation(state.db, { token, password: "twelve-chars", confirmPassword: "twelve-chars" });
    expect(await signInWithPassword(state.db, "rules.person@example.org", "twelve-chars")).toMatchObject({ ok: true });
  });

  it("makes older links of the same person stop working once one is used", async () => {
    const { result, token: first } = await invite("two.links@example.org");
    const admin = await actorFor("admin@northgate.example");
    const second = await resendInvitation(state.db, admin, { userId: result.userId }, { baseUrl });
    await acceptInvitation(state.db, {
      token: tokenOf(second.invitationLink),
      password: "a-long-enough-password",
      confirmPassword: "a-long-enough-password",
    });
    expect(await findInvitation(state.db, first)).toMatchObject({ ok: false, reason: "used" });
    await expect(resendInvitation(state.db, admin, { userId: result.userId }, { baseUrl })).rejects.toMatchObject({
      userMessage: expect.stringContaining("already accepted"),
    });
  });
});

describe("deactivating and reactivating", () => {
  it("ends the centre's roles at once (and, with no centre left, the sessions), deletes nothing, and reactivation restores them", async () => {
    const admin = await actorFor("admin@northgate.example");
    const id = await inviteAndAccept("leaver@example.org", "leaver-password-1");
    expect(await loadActor(state.db, id)).not.toBeNull();
    const membershipsBefore = await state.db.membership.count({ where: { userId: id } });

    const result = await setDeactivated(state.db, admin, { userId: id, deactivated: true });
    expect(result).toMatchObject({ status: "deactivated", changed: true });
    expect((await loadActor(state.db, id))?.roles).toEqual([]);
    const user = await state.db.user.findUniqueOrThrow({ where: { id } });
    // The account is not the centre's to disable; its sessions end because no centre is left to it.
    expect(user.deactivatedAt).toBeNull();
    expect(user.sessionVersion).toBe(1);
    expect(user.passwordHash).not.toBeNull();
    expect(await state.db.membership.count({ where: { userId: id } })).toBe(membershipsBefore);
    expect((await getPerson(state.db, admin, id)).status).toBe("deactivated");

    // Twice is a no-op, with no second audit event.
    expect(await setDeactivated(state.db, admin, { userId: id, deactivated: true })).toMatchObject({ changed: false });
    expect(await state.db.auditEvent.count({ where: { action: "person.deactivate", entityId: id } })).toBe(1);

    expect(await setDeactivated(state.db, admin, { userId: id, deactivated: false })).toMatchObject({
      status: "active",
      changed: true,
    });
    expect((await loadActor(state.db, id))?.roles.map((r) => r.role)).toEqual(["CANDIDATE"]);
    expect(await signInWithPassword(state.db, "leaver@example.org", "leaver-password-1")).toMatchObject({ ok: true });
    const events = (await getPerson(state.db, admin, id)).recentEvents.map((e) => e.description);
    expect(events).toEqual(
      expect.arrayContaining(["Deactivated at this centre", "Reactivated at this centre", "Accepted the invitation"]),
    );
  });

  it("does not let an admin deactivate themselves or change their own roles", async () => {
    const admin = await actorFor("admin@northgate.example");
    await expect(setDeactivated(state.db, admin, { userId: admin.userId, deactivated: true })).rejects.toThrowError(
      ForbiddenError,
    );
    await expect(changeRoles(state.db, admin, { userId: admin.userId, roles: ["CANDIDATE"] })).rejects.toThrowError(
      ForbiddenError,
    );
    expect(await loadActor(state.db, admin.userId)).not.toBeNull();
  });

  it("an invited person deactivated here gets no role from accepting", async () => {
    const admin = await actorFor("admin@northgate.example");
    const { result, token } = await invite("not.yet@example.org");
    await setDeactivated(state.db, admin, { userId: result.userId, deactivated: true });
    await acceptInvitation(state.db, {
      token,
      password: "a-long-enough-password",
      confirmPassword: "a-long-enough-password",
    });
    expect((await loadActor(state.db, result.userId))?.roles).toEqual([]);
    expect((await getPerson(state.db, admin, result.userId)).status).toBe("deactivated");
  });
});

describe("changing roles", () => {
  it("replaces the roles in this centre only and records before and after", async () => {
    const admin = await actorFor("admin@northgate.example");
    const raj = await userId("assessor@riverside.example");
    await state.db.membership.deleteMany({ where: { userId: raj, centreId: northgateId } });
    await state.db.membership.create({ data: { userId: raj, centreId: northgateId, role: "ASSESSOR" } });

    const result = await changeRoles(state.db, admin, { userId: raj, roles: ["IQA", "CANDIDATE"] });
    expect(result).toEqual({ userId: raj, before: ["ASSESSOR"], after: ["CANDIDATE", "IQA"], changed: true });
    const memberships = await state.db.membership.findMany({ where: { userId: raj } });
    expect(memberships.map((m) => `${m.centreId === northgateId ? "N" : "R"}:${m.role}`).sort()).toEqual([
      "N:CANDIDATE",
      "N:IQA",
      "R:ASSESSOR",
    ]);
    const audit = await state.db.auditEvent.findFirstOrThrow({
      where: { action: "person.changeRoles", entityId: raj },
      orderBy: { at: "desc" },
    });
    expect(audit.before).toEqual({ roles: ["ASSESSOR"] });
    expect(audit.after).toEqual({ roles: ["CANDIDATE", "IQA"] });

    await expect(changeRoles(state.db, admin, { userId: raj, roles: [] })).rejects.toThrowError(InputError);
    expect(await changeRoles(state.db, admin, { userId: raj, roles: ["CANDIDATE", "IQA"] })).toMatchObject({
      changed: false,
    });
  });
});

describe("importing candidates from CSV", () => {
  it("imports nothing when one row is bad, and names the row and problem as a spreadsheet numbers it", async () => {
    const usersBefore = await state.db.user.count();
    const outboxBefore = await state.db.outboxMessage.count();
    const admin = await actorFor("admin@northgate.example");
    const report = await importCandidatesCsv(
      state.db,
      admin,
      csv(
        "name,email",
        "Good One,good.one@example.org",
        "Bad Email,not-an-email",
        "",
        "Dup,good.one@EXAMPLE.org",
        ",missing.name@example.org",
      ),
      { baseUrl },
    );
    expect(report.imported).toBe(false);
    expect(report.fileProblems).toEqual([]);
    expect(report.rows.map(({ row, problems }) => ({ row, problems }))).toEqual([
      { row: 3, problems: ["email is not a valid email address"] },
      { row: 5, problems: ["email is the same as row 2; each person can be on the file once"] },
      { row: 6, problems: ["name is missing"] },
    ]);
    expect(report.counts).toMatchObject({ rows: 4, invalid: 3 });
    expect(await state.db.user.count()).toBe(usersBefore);
    expect(await state.db.outboxMessage.count()).toBe(outboxBefore);
    expect(await state.db.user.findUnique({ where: { email: "good.one@example.org" } })).toBeNull();
  });

  it("imports a clean file in one go: accounts, candidate memberships, invitations with links", async () => {
    const admin = await actorFor("admin@northgate.example");
    const outboxBefore = await state.db.outboxMessage.count();
    // Columns in any order and case, a byte-order mark, quoted commas, extra columns, a blank line.
    const report = await importCandidatesCsv(
      state.db,
      admin,
      csv(
        "\uFEFFEmail , Name,Cohort",
        "Ann.A@example.org,Ann A,1",
        '"b.b@example.org","Bo, B",2',
        "",
        "cal.c@example.org,Cal C,",
      ),
      { baseUrl },
    );
    expect(report.fileProblems).toEqual([]);
    expect(report.imported).toBe(true);
    expect(report.counts).toEqual({ rows: 3, invalid: 0, invited: 3, unchanged: 0 });
    expect(report.rows.map((r) => [r.row, r.name, r.email, r.outcome, r.problems])).toEqual([
      [2, "Ann A", "ann.a@example.org", "invited", []],
      [3, "Bo, B", "b.b@example.org", "invited", []],
      [5, "Cal C", "cal.c@example.org", "invited", []],
    ]);
    for (const row of report.rows) {
      const found = await findInvitation(state.db, tokenOf(row.invitationLink));
      expect(found).toMatchObject({ ok: true, email: row.email, name: row.name });
      const user = await state.db.user.findUniqueOrThrow({
        where: { email: row.email },
        include: { memberships: true },
      });
      expect(user.memberships.map((m) => [m.centreId, m.role])).toEqual([[northgateId, "CANDIDATE"]]);
      expect(
        await state.db.auditEvent.count({
          where: { action: "person.importCandidate", entityId: user.id, centreId: northgateId },
        }),
      ).toBe(1);
    }
    expect(await state.db.outboxMessage.count()).toBe(outboxBefore + 3);
    expect(report.outboxMessageIds).toHaveLength(3);
    expect(
      await state.db.auditEvent.count({ where: { action: "people.importCandidates", centreId: northgateId } }),
    ).toBe(1);
  });

  it("invites existing accounts like new ones and leaves existing candidates alone", async () => {
    const admin = await actorFor("admin@northgate.example");
    const report = await importCandidatesCsv(
      state.db,
      admin,
      csv(
        "name,email",
        "Rhys Typed,candidate@riverside.example",
        "Cara Jones,candidate@northgate.example",
        "Cy New,cy.new@example.org",
      ),
      { baseUrl },
    );
    expect(report.imported).toBe(true);
    expect(report.rows.map((r) => [r.row, r.name, r.outcome, Boolean(r.invitationLink)])).toEqual([
      [2, "Rhys Typed", "invited", true],
      [3, "Cara Jones", "unchanged", false],
      [4, "Cy New", "invited", true],
    ]);
    const rhys = report.rows.find((r) => r.email === "candidate@riverside.example");
    expect(await findInvitation(state.db, tokenOf(rhys?.invitationLink ?? null))).toMatchObject({
      ok: true,
      name: "Rhys Typed",
      needsPassword: false,
    });
    const cy = report.rows.find((r) => r.email === "cy.new@example.org");
    expect(await findInvitation(state.db, tokenOf(cy?.invitationLink ?? null))).toMatchObject({
      ok: true,
      name: "Cy New",
      needsPassword: true,
    });
    expect(report.outboxMessageIds).toHaveLength(2);
  });

  it("imports the largest allowed file, 5000 rows, in one transaction", async () => {
    const admin = await actorFor("admin@northgate.example");
    const rows = Array.from({ length: 5000 }, (_, i) => `Bulk Person ${i},bulk${i}@bulk.example`);
    const report = await importCandidatesCsv(state.db, admin, csv("name,email", ...rows), { baseUrl });
    expect(report.imported).toBe(true);
    expect(report.counts.invited).toBe(5000);
    expect(
      await state.db.membership.count({
        where: { centreId: northgateId, user: { email: { endsWith: "@bulk.example" } } },
      }),
    ).toBe(5000);
    expect(await state.db.invitation.count({ where: { user: { email: { endsWith: "@bulk.example" } } } })).toBe(5000);
  }, 180_000);

  it("refuses a file without a header, too large or with too many rows", async () => {
    const admin = await actorFor("admin@northgate.example");
    const noHeader = await importCandidatesCsv(state.db, admin, csv("Ann,ann@example.org"), { baseUrl });
    expect(noHeader.imported).toBe(false);
    expect(noHeader.fileProblems[0]).toMatch(/^The first row must name the columns: name,email/);
    const big = await importCandidatesCsv(
      state.db,
      admin,
      { text: "name,email\n", sizeBytes: CSV_MAX_BYTES + 1 },
      { baseUrl },
    );
    expect(big.fileProblems).toEqual([
      "The file is larger than 1 MB. Split it into smaller files and import each one.",
    ]);
    const rows = Array.from({ length: 5001 }, (_, i) => `P ${i},p${i}@example.org`);
    const many = await importCandidatesCsv(state.db, admin, csv("name,email", ...rows), { baseUrl });
    expect(many.fileProblems[0]).toMatch(/5001 rows/);
    const empty = await importCandidatesCsv(state.db, admin, csv("name,email", "", ""), { baseUrl });
    expect(empty.fileProblems[0]).toMatch(/no people/);
  });
});

describe("listing people", () => {
  beforeAll(async () => {
    const admin = await actorFor("admin@northgate.example");
    const rows = Array.from(
      { length: 30 },
      (_, i) => `Zelda Quorn ${String(i + 1).padStart(2, "0")},zq${i + 1}@Quorn.example`,
    );
    const report = await importCandidatesCsv(state.db, admin, csv("name,email", ...rows), { baseUrl });
    expect(report.imported).toBe(true);
  });

  it("searches names and emails whatever the case, and pages 25 at a time", async () => {
    const admin = await actorFor("admin@northgate.example");
    const upper = await listPeople(state.db, admin, { query: "ZELDA quorn" });
    expect(upper.total).toBe(30);
    expect(upper.pageCount).toBe(2);
    expect(upper.people).toHaveLength(25);
    expect(upper.people[0]).toMatchObject({
      name: "Zelda Quorn 01",
      email: "zq1@quorn.example",
      roles: ["CANDIDATE"],
      status: "invited",
    });
    const second = await listPeople(state.db, admin, { query: "zelda QUORN", page: 2 });
    expect(second.page).toBe(2);
    expect(second.people.map((p) => p.name)).toEqual([
      "Zelda Quorn 26",
      "Zelda Quorn 27",
      "Zelda Quorn 28",
      "Zelda Quorn 29",
      "Zelda Quorn 30",
    ]);
    const beyond = await listPeople(state.db, admin, { query: "zelda", page: 99 });
    expect(beyond.page).toBe(2);
    expect((await listPeople(state.db, admin, { query: "ZQ7@QUORN" })).people.map((p) => p.email)).toEqual([
      "zq7@quorn.example",
    ]);
    expect((await listPeople(state.db, admin, { query: "nadia" })).people).toEqual([
      expect.objectContaining({ name: "Nadia Adams", roles: ["CENTRE_ADMIN"], status: "active" }),
    ]);
    expect((await listPeople(state.db, admin, { query: "100%_!" })).total).toBe(0);
  });

  it("filters by role and shows only members of the admin's centre, with their roles here", async () => {
    const admin = await actorFor("admin@northgate.example");
    const assessors = await listPeople(state.db, admin, { role: "ASSESSOR" });
    expect(assessors.people.map((p) => p.email)).toEqual(
      expect.arrayContaining(["assessor@northgate.example", "multi@northgate.example"]),
    );
    expect(assessors.people.every((p) => p.roles.includes("ASSESSOR"))).toBe(true);
    expect((await listPeople(state.db, admin, { query: "zelda", role: "ASSESSOR" })).total).toBe(0);
    expect((await listPeople(state.db, admin, { query: "zelda", role: "nonsense" })).total).toBe(30);
    expect(
      (await listPeople(state.db, admin, { query: "riverside.example" })).people.map((p) => p.email),
    ).not.toContain("admin@riverside.example");
    const everyone = await listPeople(state.db, await actorFor("admin@riverside.example"), {});
    expect(everyone.people.map((p) => p.email)).not.toContain("candidate@northgate.example");
    expect(everyone.people.find((p) => p.email === "assessor@riverside.example")?.roles).toEqual(["ASSESSOR"]);
  });
});

describe("the centre overview and outbox", () => {
  it("counts people by role and active enrolments for the admin's centre", async () => {
    const overview = await getCentreOverview(state.db, await actorFor("admin@northgate.example"));
    expect(overview.centre.name).toBe("Northgate Training Centre");
    expect(overview.activeEnrolments).toBe(
      await state.db.enrolment.count({ where: { centreId: northgateId, status: "ACTIVE" } }),
    );
    expect(overview.activeEnrolments).toBeGreaterThanOrEqual(5);
    const byRole = Object.fromEntries(overview.activeByRole.map((r) => [r.role, r.count]));
    expect(byRole.CENTRE_ADMIN).toBe(2);
    expect(byRole.CANDIDATE).toBe(
      await state.db.membership.count({
        where: { centreId: northgateId, role: "CANDIDATE", awaitingAcceptance: false, endedAt: null },
      }),
    );
    expect(overview.people.invited).toBeGreaterThan(30);
    expect(overview.people.deactivated).toBe(1);
  });

  it("lists the centre's messages newest first, 25 a page", async () => {
    const outbox = await listOutbox(state.db, await actorFor("admin@northgate.example"), { page: 1 });
    expect(outbox.messages).toHaveLength(25);
    expect(outbox.total).toBe(await state.db.outboxMessage.count({ where: { centreId: northgateId } }));
    const times = outbox.messages.map((m) => m.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const riverside = await listOutbox(state.db, await actorFor("admin@riverside.example"));
    expect(riverside.total).toBe(await state.db.outboxMessage.count({ where: { centreId: riversideId } }));
  });
});

describe("mailers", () => {
  it("OutboxMailer writes a row, inside the caller's transaction", async () => {
    await state.db.$transaction(async (tx) => {
      await new OutboxMailer(tx).send({
        to: "someone@example.org",
        subject: "Hello",
        text: "Body",
        centreId: northgateId,
      });
    });
    expect(await state.db.outboxMessage.findFirst({ where: { to: "someone@example.org" } })).toMatchObject({
      subject: "Hello",
      body: "Body",
      sentAt: null,
    });
    await state.db
      .$transaction(async (tx) => {
        await new OutboxMailer(tx).send({ to: "rolled.back@example.org", subject: "Hello", text: "Body" });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await state.db.outboxMessage.count({ where: { to: "rolled.back@example.org" } })).toBe(0);
  });

  it("SmtpMailer sends, records the row with sentAt, and delivers queued rows once", async () => {
    const sent: string[] = [];
    const transport: MailTransport = {
      sendMail: async (mail) => void sent.push(`${mail.from}>${mail.to}:${mail.subject}`),
    };
    const mailer = new SmtpMailer({
      url: "smtp://localhost:2525",
      from: "Portfolio <p@example.org>",
      client: state.db,
      transport,
    });
    await mailer.send({ to: "direct@example.org", subject: "Direct", text: "Hi" });
    expect(sent).toEqual(["Portfolio <p@example.org>>direct@example.org:Direct"]);
    expect(
      (await state.db.outboxMessage.findFirstOrThrow({ where: { to: "direct@example.org" } })).sentAt,
    ).not.toBeNull();

    const queued = await new OutboxMailer(state.db).queue({ to: "queued@example.org", subject: "Queued", text: "Hi" });
    expect(await mailer.deliverQueued(state.db, [queued.id])).toEqual({ sent: 1, failed: 0 });
    expect(await mailer.deliverQueued(state.db, [queued.id])).toEqual({ sent: 0, failed: 0 });
    expect((await state.db.outboxMessage.findUniqueOrThrow({ where: { id: queued.id } })).sentAt).not.toBeNull();

    const failing = new SmtpMailer({
      url: "smtp://localhost:2525",
      from: "p@example.org",
      client: state.db,
      transport: { sendMail: async () => Promise.reject(new Error("refused")) },
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const unsent = await new OutboxMailer(state.db).queue({ to: "bounce@example.org", subject: "Bounce", text: "Hi" });
    expect(await failing.deliverQueued(state.db, [unsent.id])).toEqual({ sent: 0, failed: 1 });
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
    expect((await state.db.outboxMessage.findUniqueOrThrow({ where: { id: unsent.id } })).sentAt).toBeNull();
  });
});

describe("who may do what", () => {
  it("refuses an admin of another centre every operation on this centre's people", async () => {
    const riversideAdmin = await actorFor("admin@riverside.example");
    const cara = await userId("candidate@northgate.example");
    await expect(getPerson(state.db, riversideAdmin, cara)).rejects.toThrowError(ForbiddenError);
    await expect(setDeactivated(state.db, riversideAdmin, { userId: cara, deactivated: true })).rejects.toThrowError(
      ForbiddenError,
    );
    await expect(changeRoles(state.db, riversideAdmin, { userId: cara, roles: ["ASSESSOR"] })).rejects.toThrowError(
      ForbiddenError,
    );
    await expect(resendInvitation(state.db, riversideAdmin, { userId: cara }, { baseUrl })).rejects.toThrowError(
      ForbiddenError,
    );

    // Even claiming to act in Northgate (a forged role cookie) gets nowhere: the policy decides.
    const forged = {
      ...riversideAdmin,
      active: { centreId: northgateId, centreName: "Northgate Training Centre", role: "CENTRE_ADMIN" as const },
    };
    await expect(
      invitePerson(state.db, forged, { name: "X", email: "x@example.org", roles: ["CANDIDATE"] }, { baseUrl }),
    ).rejects.toThrowError(ForbiddenError);
    await expect(listPeople(state.db, forged, {})).rejects.toThrowError(ForbiddenError);
    await expect(getPerson(state.db, forged, cara)).rejects.toThrowError(ForbiddenError);
    await expect(setDeactivated(state.db, forged, { userId: cara, deactivated: true })).rejects.toThrowError(
      ForbiddenError,
    );
    await expect(changeRoles(state.db, forged, { userId: cara, roles: ["ASSESSOR"] })).rejects.toThrowError(
      ForbiddenError,
    );
    await expect(resendInvitation(state.db, forged, { userId: cara }, { baseUrl })).rejects.toThrowError(
      ForbiddenError,
    );
    await expect(
      importCandidatesCsv(state.db, forged, csv("name,email", "X,x@example.org"), { baseUrl }),
    ).rejects.toThrowError(ForbiddenError);
    await expect(listOutbox(state.db, forged)).rejects.toThrowError(ForbiddenError);
    await expect(getCentreOverview(state.db, forged)).rejects.toThrowError(ForbiddenError);

    const caraNow = await state.db.user.findUniqueOrThrow({ where: { id: cara }, include: { memberships: true } });
    expect(caraNow.deactivatedAt).toBeNull();
    expect(caraNow.memberships.map((m) => m.role)).toEqual(["CANDIDATE"]);
    expect(await state.db.user.findUnique({ where: { email: "x@example.org" } })).toBeNull();
  });

  it("refuses candidates and assessors", async () => {
    for (const email of ["candidate@northgate.example", "assessor@northgate.example", "iqa@northgate.example"]) {
      const actor = await actorFor(email);
      await expect(
        invitePerson(state.db, actor, { name: "X", email: "y@example.org", roles: ["CANDIDATE"] }, { baseUrl }),
      ).rejects.toThrowError(ForbiddenError);
      await expect(listPeople(state.db, actor, {})).rejects.toThrowError(ForbiddenError);
      await expect(
        importCandidatesCsv(state.db, actor, csv("name,email", "Y,y@example.org"), { baseUrl }),
      ).rejects.toThrowError(ForbiddenError);
      await expect(
        setDeactivated(state.db, actor, { userId: await userId("candidate2@northgate.example"), deactivated: true }),
      ).rejects.toThrowError(ForbiddenError);
    }
    const refusal = await invitePerson(
      state.db,
      await actorFor("candidate@northgate.example"),
      { name: "X", email: "y@example.org", roles: ["CANDIDATE"] },
      { baseUrl },
    ).catch((e: unknown) => e);
    expect((refusal as ForbiddenError).userMessage).toBe("Only a centre admin of this centre can do that.");
    expect(await state.db.user.findUnique({ where: { email: "y@example.org" } })).toBeNull();
  });

  it("refuses someone with no role to act in", async () => {
    const platform = await actorFor("platform@example.org");
    expect(platform.active).toBeNull();
    await expect(listPeople(state.db, platform, {})).rejects.toThrowError(ForbiddenError);
  });
});
