import { expect, test } from "./fixtures";
import { signIn, signOut } from "./helpers";

test("an EQA opens a portfolio shared with them from their list, read-only", async ({ page, visit }) => {
  // The admin shares Dev's first enrolment with the EQA until next month.
  await signIn(page, "admin@northgate.example");
  await visit("/admin/enrolments?q=Dev");
  const enrolment = page.getByRole("link", { name: /Dev Shah/ }).first();
  await enrolment.click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const unitHeading = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  const eqaSelect = page.locator('select[name="eqaUserId"]');
  const evan = await eqaSelect.locator("option", { hasText: "Evan Quist" }).getAttribute("value");
  await eqaSelect.selectOption(evan ?? "");
  const lastDay = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await page.locator('input[name="lastDay"]').fill(lastDay);
  await page.getByRole("button", { name: "Share read-only access" }).click();
  // The form's own message (the page also has an empty live region with the same role).
  await expect(page.getByRole("status").filter({ hasText: /\S/ }).first()).toBeVisible();
  await signOut(page);

  await signIn(page, "eqa@awarding.example");
  await expect(page).toHaveURL(/\/eqa$/);
  const link = page.getByRole("link", { name: /Dev Shah/ }).first();
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/assessor\/enrolments\//);
  await expect(page.getByText("Dev Shah").first()).toBeVisible();
  expect(unitHeading.length).toBeGreaterThan(0);
  // Read-only: nothing to sign or review.
  await expect(page.getByRole("main").getByRole("button", { name: /^(Sign|Accept|Refer)/ })).toHaveCount(0);
});
