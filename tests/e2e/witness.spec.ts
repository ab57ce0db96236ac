import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { signIn, signOut } from "./helpers";

// A workplace witness through a single-use link, in the real UI: Cara asks her line manager for a
// testimony on CS34 3.4; the admin's outbox holds the mail with the link (no SMTP in e2e); the
// witness, with no account and no session, opens it on a 375 px phone, is refused once for a
// signature that is not their name (keeping what they typed), then signs and sends it; the link
// then says it has been used, and nothing more; Asha finds the testimony in her queue, sees who
// the witness is, marks them an expert witness and accepts the mapping.
//
// CS34 3.4 is touched by no other spec, and the flow ends with the mapping accepted, so nothing of
// it is left in Asha's queue for the specs that expect it empty.

const phone = { width: 375, height: 812 };

/** The link in the newest outbox message to `email`, as the admin reads it at /admin/outbox. */
async function linkFromOutbox(page: Page, email: string): Promise<string> {
  const row = page.getByRole("row").filter({ hasText: email }).first();
  await row.getByText("asks for your witness testimony").click();
  const body = await row.locator("pre").innerText();
  const link = body.match(/https?:\/\/\S+\/witness\/[A-Za-z0-9_-]+/)?.[0];
  if (!link) throw new Error(`no witness link mailed to ${email}`);
  return new URL(link).pathname;
}

// long-function: one testimony's whole journey read top to bottom (request, outbox, the witness's phone, the assessor), each step a few lines
test("a candidate asks a witness, the witness signs through the link once on a phone, the assessor accepts it", async ({
  page,
  visit,
  browser,
}) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const witnessName = `Wendy Okafor ${run}`;
  const email = `wendy.${run}@shop.example`;
  const criterion = /^3\.4 maintain positive working relationships amongst staff/;
  // The witness's page names the unit too: they may be asked about criteria of several units.
  const criterionForWitness = /^CS34 3\.4 maintain positive working relationships amongst staff/;
  const observed =
    "I watched Cara hold the Monday team briefing: she thanked each person and settled a rota dispute calmly.";

  // --- Cara asks her line manager, from her CS34 progress page.
  await signIn(page, "candidate@northgate.example");
  await visit("/candidate");
  await page
    .getByRole("link", { name: /^CS34 / })
    .first()
    .click();
  await page.getByRole("link", { name: "Ask a workplace witness for a testimony" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Workplace witnesses for CS34" })).toBeVisible();
  await expectAccessible(page);
  const form = page.getByRole("form", { name: "Ask a workplace witness" });
  await form.getByLabel(criterion).check();
  await form.getByLabel("Witness's full name").fill(witnessName);
  await form.getByLabel("Witness's email address").fill(email);
  await form.getByLabel("Witness's job title").fill("Store manager");
  await form.getByLabel("How the witness knows the candidate").fill("line manager");
  await form.getByRole("button", { name: "Send the request" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Your request has been sent to ${witnessName}` }),
  ).toBeVisible();
  const requests = page.getByRole("region", { name: "Requests" });
  const listed = requests.getByRole("listitem").filter({ hasText: witnessName });
  await expect(listed).toContainText("Waiting for the witness, until");
  await expect(listed.getByRole("button", { name: "Revoke request" })).toBeVisible();
  // The link goes only to the witness: the candidate never sees it.
  await expect(page.getByText("/witness/")).toHaveCount(0);
  await signOut(page);

  // --- The admin's outbox holds the mail, with the link.
  await signIn(page, "admin@northgate.example");
  await visit("/admin/outbox");
  const path = await linkFromOutbox(page, email);
  await signOut(page);

  // --- The witness: a fresh browser, no session, a phone.
  const context = await browser.newContext({ viewport: phone });
  const witness = await context.newPage();
  await witness.goto(path);
  await expect(witness.getByRole("heading", { level: 1, name: "Witness testimony for Cara Jones" })).toBeVisible();
  await expect(witness.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  await expect(witness.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(witness.getByLabel(criterionForWitness)).toBeVisible();
  await expectAccessible(witness);
  await witness.screenshot({ path: "test-results/phones/witness.png", fullPage: true });
  expect(await witness.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

  await witness.getByLabel("What you saw the candidate do").fill(observed);
  await witness.getByLabel("When you saw it").fill("2026-02-09");
  await witness.getByLabel(criterionForWitness).check();
  await witness.getByLabel("Your relationship to the candidate").fill("I am her line manager");
  await witness.getByLabel("Your occupational competence").fill("Store manager for nine years, running service teams.");
  await witness.getByLabel("Type your full name to sign").fill("Someone Else");
  await witness.getByRole("button", { name: "Sign and send your testimony" }).click();
  await expect(
    witness.getByRole("alert").filter({ hasText: "Type your full name as the request gives it" }),
  ).toBeVisible();
  await expect(witness.getByLabel("What you saw the candidate do")).toHaveValue(observed);
  await expectAccessible(witness);
  await witness.getByLabel(criterionForWitness).check();
  await witness.getByLabel("Type your full name to sign").fill(witnessName.toUpperCase());
  await witness.getByRole("button", { name: "Sign and send your testimony" }).click();
  await expect(
    witness.getByRole("status").filter({ hasText: "Thank you: your testimony has been signed and sent" }),
  ).toBeVisible();

  // Once: the link now says so, and shows nothing of the request.
  await witness.goto(path);
  await expect(witness.getByRole("heading", { level: 1, name: "Testimony submitted" })).toBeVisible();
  await expect(witness.getByText("This testimony has been submitted; thank you.")).toBeVisible();
  await expect(witness.getByText("Cara Jones")).toHaveCount(0);
  await expectAccessible(witness);
  await context.close();

  // --- Asha judges it through her usual review.
  await signIn(page, "assessor@northgate.example");
  await visit("/assessor/queue");
  await page.getByRole("link", { name: `Witness testimony from ${witnessName}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Witness testimony from ${witnessName}` })).toBeVisible();
  await expectAccessible(page);
  const details = page.getByRole("region", { name: "The witness" });
  await expect(details).toContainText(email);
  await expect(details).toContainText("I am her line manager");
  await expect(details).toContainText("Not marked as an expert witness");
  await details.getByRole("button", { name: "Mark as expert witness" }).click();
  await expect(details).toContainText("Yes: judged occupationally competent in this area by Asha Patel");
  await page.getByRole("button", { name: "Accept for 3.4" }).click();
  await expect(page.getByText("Mapping accepted. The candidate has been told.")).toBeVisible();
  await expectAccessible(page);
});
