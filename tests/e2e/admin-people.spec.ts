import { expect, expectAccessible, test } from "./fixtures";

// A centre admin finds people, adds a new one, hands over the invitation link; the new person
// uses it to choose a password and signs in. Every page is checked with axe on the way.

test("a centre admin adds a person, who sets a password from the invitation link and signs in", async ({
  page,
  context,
  visit,
  baseURL,
}) => {
  // A long journey (two people, a dozen pages, axe on each): more than the default 30 s.
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  const name = `Nia Starter ${stamp}`;
  const email = `nia.starter.${stamp}@example.org`;
  const password = `starter-password-${stamp}`;
  if (baseURL) await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });

  // Sign in as the Northgate centre admin.
  await visit("/login");
  await page.getByLabel("Email").fill("admin@northgate.example");
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));

  // People: search, whatever the case.
  await visit("/admin/people");
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await page.getByLabel("Search by name or email").fill("NADIA");
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/\/admin\/people\?q=NADIA/);
  await expectAccessible(page);
  const table = page.getByRole("table");
  await expect(table.getByRole("link", { name: "Nadia Adams" })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);
  await page.getByLabel("Role").selectOption({ label: "Candidate" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No one matches that search.")).toBeVisible();

  // Add a person: a rejected form keeps what was typed and says what to fix.
  await visit("/admin/people");
  await page.getByRole("link", { name: "Add a person" }).click();
  await page.waitForURL(/\/admin\/people\/new$/);
  await expectAccessible(page);
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not added" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription(/name@example\.com/);
  await expect(page.getByLabel("Full name")).toHaveValue(name);
  await expect(page.getByText("Choose at least one role.").first()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Candidate", { exact: true }).check();
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("heading", { name: `${name} invited` })).toBeVisible();

  // Copy the invitation link from the page.
  const linkField = page.getByLabel("Invitation link");
  await expect(linkField).toHaveAttribute("readonly", "");
  const link = await linkField.inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("status").filter({ hasText: /copied|selected/ })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/admin-people.png", fullPage: true });

  // The new person is listed, not yet active.
  await visit(`/admin/people?q=${encodeURIComponent(email.toUpperCase())}`);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Invited (not yet accepted)");
  await expect(row).toContainText("Candidate");

  // Sign out, then use the link as the new person would.
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);

  await visit(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choose your password" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Password", { exact: true }).fill("too-short");
  await page.getByLabel("Confirm password").fill("too-short");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Password not set" })).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.").first()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Confirm password").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  // Signed in with the new password and taken home, without typing it again.
  await page.waitForURL((url) => !/^\/(invite|home)\b/.test(url.pathname));
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("banner")).toContainText(name);
  await expectAccessible(page);

  // The link works once.
  await visit(link);
  await expect(page.getByText("This invitation link has already been used.")).toBeVisible();
});

test("people pages refuse someone who is not a centre admin, with a message", async ({ page, visit }) => {
  await visit("/login");
  await page.getByLabel("Email").fill("candidate@northgate.example");
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));

  for (const path of ["/admin", "/admin/people", "/admin/people/new", "/admin/people/import", "/admin/outbox"]) {
    await visit(path);
    await expect(page.getByText("Only a centre admin can use")).toBeVisible();
  }
});
