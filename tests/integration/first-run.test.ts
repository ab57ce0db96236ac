import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadActor, type SessionActor } from "@/lib/auth/actor";
import { findPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { ForbiddenError } from "@/lib/authz/policy";
import { acceptInvitation } from "@/lib/people/accept-invitation";
import { createCentre } from "@/lib/platform/create-centre";
import { inviteCentreAdmin } from "@/lib/platform/invite-centre-admin";
import { rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// A new install, as the README's "Running on PostgreSQL" leaves it: migrated, nobody in it.
// The operator runs the real npm run admin:create script, follows the link it prints, and the
// platform admin creates the first centre and invites its admin, who signs in.

const state = useMigratedDb();
const publicUrl = "https://portfolio.test";
const tsx = path.resolve("node_modules/.bin/tsx");

async function adminCreate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // SMTP_URL empty: unset, whatever the machine has; a .env file would not override it either.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: state.url,
    NEXTAUTH_URL: publicUrl,
    SMTP_URL: "",
    NODE_ENV: "production",
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ["scripts/admin-create.ts", ...args], {
      env,
      timeout: 150_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

async function signedIn(email: string, password: string): Promise<SessionActor> {
  const result = await signInWithPassword(state.db, email, password);
  if (!result.ok) throw new Error(`sign-in refused: ${result.message}`);
  const actor = await loadActor(state.db, result.userId);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

const linkToken = (output: string, route: "reset-password" | "invite") => {
  const match = new RegExp(`^${publicUrl}/${route}/([A-Za-z0-9_-]+)$`, "m").exec(output);
  if (!match?.[1]) throw new Error(`no ${route} link in: ${output}`);
  return match[1];
};

// Each admin:create run starts tsx afresh: seconds each, more on a busy machine.
describe("first run: from an empty database to a centre admin signed in", { timeout: 300_000 }, () => {
  let platformAdmin: SessionActor;
  let centreId = "";

  it("admin:create makes a platform admin without a password and prints a one-time link to choose it", async () => {
    const run = await adminCreate("--email", " Ops@Example.ORG ", "--name", "Olu Operator");
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain("Created platform admin ops@example.org.");
    const user = await state.db.user.findUniqueOrThrow({ where: { email: "ops@example.org" } });
    expect(user).toMatchObject({ name: "Olu Operator", isPlatformAdmin: true, passwordHash: null });

    // No password yet: nobody can sign in to the new account.
    expect(await signInWithPassword(state.db, "ops@example.org", "")).toMatchObject({ ok: false });

    // The link opens the reset page (the same lookup the page makes), and lasts a day.
    const token = linkToken(run.stdout, "reset-password");
    const found = await findPasswordReset(state.db, token);
    expect(found).toMatchObject({ ok: true, email: "ops@example.org" });
    expect(await findPasswordReset(state.db, token, new Date(Date.now() + 23 * 3_600_000))).toMatchObject({ ok: true });
    expect(await findPasswordReset(state.db, token, new Date(Date.now() + 25 * 3_600_000))).toMatchObject({
      ok: false,
    });

    await resetPassword(state.db, {
      token,
      password: "first-run-password-2026",
      confirmPassword: "first-run-password-2026",
    });
    // It works once.
    expect(await findPasswordReset(state.db, token)).toMatchObject({ ok: false });
    platformAdmin = await signedIn("ops@example.org", "first-run-password-2026");
    expect(platformAdmin).toMatchObject({ isPlatformAdmin: true, memberships: [] });
  });

  it("admin:create refuses an email that already has an account, and changes nothing", async () => {
    const before = await state.db.user.findUniqueOrThrow({ where: { email: "ops@example.org" } });
    const run = await adminCreate("--email", "ops@example.org", "--name", "Someone Else");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("ops@example.org already has an account, so nothing was created.");
    expect(run.stdout).not.toContain("/reset-password/");
    expect(await state.db.user.findUniqueOrThrow({ where: { email: "ops@example.org" } })).toEqual(before);
    expect(await state.db.passwordReset.count({ where: { userId: before.id, usedAt: null } })).toBe(0);
  });

  it("admin:create says what it needs when an argument is missing or wrong", async () => {
    expect(await adminCreate("--email", "second@example.org")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Give both --email and --name."),
    });
    expect(await adminCreate("--email", "not-an-email", "--name", "X")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Enter an email address in the form"),
    });
    expect(await state.db.user.count()).toBe(1);
  });

  it("the platform admin creates a centre and invites its first admin, who accepts and signs in as its admin", async () => {
    ({ id: centreId } = await createCentre(state.db, platformAdmin, {
      name: "Harbour Training",
      slug: "",
      timeZone: "Europe/London",
    }));
    const invited = await inviteCentreAdmin(
      state.db,
      platformAdmin,
      { centreId, name: "Hana Harbour", email: "hana@harbour.example" },
      { baseUrl: publicUrl },
    );
    expect(invited).toMatchObject({ email: "hana@harbour.example", rolesAdded: ["CENTRE_ADMIN"] });

    // Waiting for acceptance, exactly like an invitation a centre admin sends; the mail is in the centre's outbox.
    expect(
      await state.db.membership.findMany({ where: { centreId }, select: { role: true, awaitingAcceptance: true } }),
    ).toEqual([{ role: "CENTRE_ADMIN", awaitingAcceptance: true }]);
    expect(await state.db.outboxMessage.count({ where: { centreId, to: "hana@harbour.example" } })).toBe(1);
    expect(
      await state.db.auditEvent.findFirst({
        where: { action: "centre.inviteAdmin", centreId },
        select: { actorId: true },
      }),
    ).toEqual({ actorId: platformAdmin.userId });

    await acceptInvitation(state.db, {
      token: linkToken(invited.invitationLink, "invite"),
      password: "harbour-admin-password",
      confirmPassword: "harbour-admin-password",
    });
    const hana = await signedIn("hana@harbour.example", "harbour-admin-password");
    expect(hana.memberships).toEqual([expect.objectContaining({ centreId, role: "CENTRE_ADMIN" })]);
  });

  it("only a platform admin invites that way: the centre's own admin, or anyone else, is refused", async () => {
    const hana = await signedIn("hana@harbour.example", "harbour-admin-password");
    const error = await rejection(
      inviteCentreAdmin(
        state.db,
        hana,
        { centreId, name: "Second Admin", email: "second@harbour.example" },
        { baseUrl: publicUrl },
      ),
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(await state.db.user.findUnique({ where: { email: "second@harbour.example" } })).toBeNull();
  });

  it("tells the platform admin when the centre is gone", async () => {
    const error = await rejection(
      inviteCentreAdmin(
        state.db,
        platformAdmin,
        { centreId: "no-such-centre", name: "Nobody", email: "nobody@example.org" },
        { baseUrl: publicUrl },
      ),
    );
    expect(error).toMatchObject({
      userMessage: "That centre does not exist any more. Reload the page and choose it again.",
    });
    expect(await state.db.user.findUnique({ where: { email: "nobody@example.org" } })).toBeNull();
  });
});
