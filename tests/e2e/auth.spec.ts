import { expect, test } from "./fixtures";
import { signIn, signOut } from "./helpers";

test("a wrong password is refused with a clear message and the email is kept", async ({ page, visit }) => {
  await visit("/login");
  await page.getByLabel("Email").fill("candidate@northgate.example");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#login-error")).toContainText("do not match an active account");
  await expect(page.getByLabel("Email")).toHaveValue("candidate@northgate.example");
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("pages behind sign-in send a visitor to the sign-in page", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
});

test("a person with several roles switches between them, then signs out", async ({ page, visit }) => {
  await signIn(page, "multi@northgate.example");
  const switcher = page.getByLabel("Acting as");
  await expect(switcher).toBeVisible();
  await switcher.selectOption({ label: "Centre admin · Northgate Training Centre" });
  await page.getByRole("button", { name: "Switch" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" })).toBeVisible();
  await page.screenshot({ path: "test-results/role-switcher.png", fullPage: true });
  await visit("/account");
  await signOut(page);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login/);
});

test("the session cookie is httpOnly and SameSite=Lax", async ({ page, context }) => {
  await signIn(page, "candidate@northgate.example");
  const cookie = (await context.cookies()).find((c) => c.name.includes("next-auth.session-token"));
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
});
