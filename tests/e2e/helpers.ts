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

export type EvidenceDetails = { title: string; method: string; date: string; description: string };

/** Fills the candidate's evidence form (new or edit) as a user would, and saves it. */
export async function fillAndSaveEvidence(page: Page, evidence: EvidenceDetails) {
  await page.getByLabel("Title", { exact: true }).fill(evidence.title);
  await page.getByLabel("Method", { exact: true }).selectOption({ label: evidence.method });
  await page.getByLabel("Date of the activity", { exact: true }).fill(evidence.date);
  await page.getByLabel("Description", { exact: true }).fill(evidence.description);
  await page.getByRole("button", { name: "Save evidence" }).click();
}

/** Searches the criteria to map evidence to, on the evidence page, by words or reference. */
export async function findCriteria(page: Page, words: string) {
  await page.getByLabel("Find criteria by words or reference").fill(words);
  await page.getByRole("button", { name: "Search", exact: true }).click();
}

/**
 * Adds evidence as the signed-in candidate: opens the form with `visit` (which checks it with
 * axe), saves it, and waits for its page. Returns the evidence's path and id.
 */
export async function addEvidence(page: Page, visit: (path: string) => Promise<void>, evidence: EvidenceDetails) {
  await visit("/candidate/evidence/new");
  await fillAndSaveEvidence(page, evidence);
  await expect(page).toHaveURL(/\/candidate\/evidence\/[^/?]+\?saved=created$/);
  await expect(page.getByRole("heading", { level: 1, name: evidence.title })).toBeVisible();
  const path = new URL(page.url()).pathname;
  return { path, id: decodeURIComponent(path.split("/").pop() ?? "") };
}
