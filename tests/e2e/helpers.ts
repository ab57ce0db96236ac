import { expect, type Page } from "@playwright/test";
import { expectAccessible } from "./fixtures";

export const demoPassword = "demo-password-2026";

/** Signs in through the real form, as a user would. */
export async function signIn(page: Page, email: string, password = demoPassword) {
  await page.goto("/login");
  await expectAccessible(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}
