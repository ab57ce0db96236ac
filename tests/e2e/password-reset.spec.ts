import Database from "better-sqlite3";
import { expect, test } from "./fixtures";
import { demoPassword, signIn } from "./helpers";

// The e2e server's database (scripts/e2e-server.sh): mail waits in the outbox, as without SMTP.
function latestResetLink(email: string): string {
  const db = new Database("data/e2e.db", { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT "body", "centreId" FROM "OutboxMessage" WHERE "to" = ? AND "subject" = 'Choose a new password' ORDER BY "createdAt" DESC LIMIT 1`,
      )
      .get(email) as { body: string; centreId: string | null } | undefined;
    // Reset mail belongs to no centre, so no centre admin can read the link in their outbox.
    expect(row?.centreId).toBeNull();
    const link = row?.body.match(/https?:\/\/\S+\/reset-password\/\S+/)?.[0];
    if (!link) throw new Error(`no reset link mailed to ${email}`);
    return new URL(link).pathname;
  } finally {
    db.close();
  }
}

test("a person who forgot their password resets it by mail, and their other sessions end", async ({
  page,
  browser,
  visit,
}) => {
  const email = "candidate@riverside.example";
  // A session on another device, which the reset must end.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email);

  await visit("/login");
  await page.getByRole("link", { name: "Forgotten your password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill("Candidate@Riverside.example");
  await page.getByRole("button", { name: "Send me a link" }).click();
  const sent = page.getByRole("status").filter({ hasText: "If that email belongs to an account" });
  await expect(sent).toBeVisible();
  await expect(sent).toBeFocused();

  // An unknown email gets exactly the same answer.
  await visit("/reset-password");
  await page.getByLabel("Email").fill("nobody-here@example.org");
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toHaveText(await sent.textContent().then((t) => t ?? ""));

  const link = latestResetLink(email);
  await visit(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill("a-brand-new-password-2026");
  await page.getByLabel("Confirm password").fill("a-different-password-2026");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("The two passwords are different.").first()).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill("a-brand-new-password-2026");
  await page.getByLabel("Confirm password").fill("a-brand-new-password-2026");
  await page.getByRole("button", { name: "Set password" }).click();
  // Signed in with the new password and taken home.
  await page.waitForURL((url) => !url.pathname.startsWith("/reset-password"));
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);

  // The link works once.
  await visit(link);
  await expect(page.getByText("This password reset link is not valid or has already been used.")).toBeVisible();

  // The other device's session has ended: its next page asks it to sign in.
  await otherPage.goto("/candidate");
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();

  // The old password no longer works; the new one does.
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Sign-in failed", { exact: false }).or(page.getByText("do not match"))).toBeVisible();
  await signIn(page, email, "a-brand-new-password-2026");
});

test("signing out ends the session: the old cookie no longer works", async ({ page, browser }) => {
  await signIn(page, "assessor2@northgate.example");
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // Replay the cookie from before sign-out in a fresh browser.
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const replayed = await replay.newPage();
  await replayed.goto("/assessor");
  await expect(replayed).toHaveURL(/\/login/);
  const session = await replayed.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
  await replay.close();
});
