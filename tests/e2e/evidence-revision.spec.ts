import type { Page } from "@playwright/test";
import { expect as baseExpect, test } from "./fixtures";
import { demoPassword, signOut, findCriteria, addEvidence } from "./helpers";

// Issue #15 item 1 (docs/decisions/0017): Cara's evidence is mapped to CU782 2.4 and CS34 2.5.
// Asha accepts the CU782 mapping, signs 2.4 as met, and refers the CS34 one back. Before, the
// evidence was a dead end: no way to change it or its files. Now Cara revises it: a new version
// carries the referred mapping and the file; she adds a file and resubmits; version 1 stays as
// judged, and Asha's signed decision on CU782 2.4 still verifies. CU782 2.4 and CS34 2.5 are
// touched by no other spec, and the flow ends with nothing of this evidence in Asha's queue.

// The machines running this suite are shared and often busy: server round trips get longer.
const expect = baseExpect.configure({ timeout: 20_000 });

async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const cu782 = { search: "CU782 2.4", name: /^2\.4 Brief staff on their objectives and targets/ };
const cs34 = { search: "CS34 2.5", name: /^2\.5 Communicate objectives, targets, standards and procedures to staff/ };
const partlyAccepted =
  "Your assessor accepted some mappings of this evidence, so this version stays exactly as they judged it: its details and files can no longer be changed. To change them for the mappings referred back, choose “Revise this evidence”: a new version is made with the same details and files, the referred mappings move to it, and the accepted ones stay here.";
const verified = "Signature verified: the evidence it rests on is as it was signed.";

async function openAssessmentRecord(page: Page, unitCode: string) {
  await page.getByRole("link", { name: `Open the assessment record for ${unitCode}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(`^Cara Jones: ${unitCode} `) })).toBeVisible();
}

test("evidence with a CU782 mapping accepted and signed and a CS34 mapping referred back is revised: the candidate adds a file and resubmits, and the signed decision still verifies", async ({
  page,
  visit,
}) => {
  test.setTimeout(300_000);
  const title = `Team objectives briefing ${Date.now().toString(36)}`;

  // --- Cara records the evidence with a file, maps it to CU782 2.4 and CS34 2.5, and submits it.
  await signIn(page, "candidate@northgate.example");
  const { path: version1Path, id: version1Id } = await addEvidence(page, visit, {
    title: title,
    method: "Product of work",
    date: "2026-03-04",
    description: "The briefing where I set each team member's objectives and targets for the quarter.",
  });
  await page.getByLabel("Add files").setInputFiles({ name: "briefing.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("img", { name: "briefing.png" })).toBeVisible();

  for (const { search, name } of [cu782, cs34]) {
    await findCriteria(page, search);
    await page
      .getByRole("group", { name })
      .getByRole("button", { name: /^Map( to |$)/ })
      .click();
    await expect(page.getByRole("status").filter({ hasText: `Mapped to ${search}.` })).toBeVisible();
  }
  const submit = page.getByRole("region", { name: "Submit for assessment" });
  await submit
    .getByLabel("I confirm this evidence is my own work, from real work activities, and is true and accurate")
    .check();
  await submit.getByRole("button", { name: "Submit for assessment" }).click();
  await expect(page.getByText(/Submitted for assessment on .*, with the declaration/)).toBeVisible();
  await signOut(page);

  // --- Asha accepts CU782 2.4, refers CS34 2.5 back, and signs CU782 2.4 as met.
  await signIn(page, "assessor@northgate.example");
  await visit("/assessor/queue");
  await page.getByRole("row").filter({ hasText: title }).getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const reviewPath = new URL(page.url()).pathname;
  const accept = page.getByRole("article", { name: cu782.name }).getByRole("form", { name: "Accept for 2.4" });
  await accept.getByRole("button", { name: "Accept for 2.4" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mapping accepted." })).toBeVisible();
  const referBack = page.getByRole("article", { name: cs34.name }).getByRole("form", { name: "Refer back for 2.5" });
  await referBack
    .getByLabel("Feedback: what should the candidate change or add?")
    .fill("Show the standards and procedures you communicated, not only the targets.");
  await referBack.getByRole("button", { name: "Refer back 2.5" }).click();
  await expect(page.getByRole("status").filter({ hasText: "it has been returned to the candidate" })).toBeVisible();

  await visit(reviewPath);
  await openAssessmentRecord(page, "CU782");
  const record = page.getByRole("region", { name: cu782.name });
  const decide = record.getByRole("form", { name: "Decide criterion 2.4" });
  await decide.getByLabel("Your password (to sign)").fill(demoPassword);
  await decide.getByRole("button", { name: "Sign as met" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Criterion signed as met." })).toBeVisible();
  await expect(record).toContainText(/Met: signed by Asha Patel on /);
  await expect(record).toContainText(verified);
  const recordPath = new URL(page.url()).pathname;
  await signOut(page);

  // --- Cara's page offers exactly what the server allows: no changes to this version, but a revision.
  await signIn(page, "candidate@northgate.example");
  await visit(version1Path);
  await expect(page.getByText("Referred back. Mappings: 1 accepted, 1 referred back", { exact: true })).toBeVisible();
  await expect(page.getByText(partlyAccepted, { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Change the details" })).toHaveCount(0);
  const files = page.getByRole("region", { name: "Files" });
  await expect(files.getByLabel("Add files")).toHaveCount(0);
  await expect(files.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  // The server refuses a file on this version in the page's words.
  const refused = await page.request.post(`/api/evidence/${encodeURIComponent(version1Id)}/files`, {
    headers: { "X-File-Name": "late.png", "Content-Type": "application/octet-stream" },
    data: png,
  });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).message).toBe(partlyAccepted);

  await page.getByRole("button", { name: "Revise this evidence" }).click();
  await expect(page).toHaveURL(/\/candidate\/evidence\/[^/?]+\?saved=revised$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const version2Path = new URL(page.url()).pathname;
  expect(version2Path).not.toBe(version1Path);
  await visit(version2Path);
  const versions = page.getByRole("navigation", { name: "Versions of this evidence" });
  await expect(versions.getByRole("link", { name: "Version 1 (accepted parts)" })).toBeVisible();
  await expect(versions).toContainText("Version 2 (latest), shown here");
  // The referred mapping came along with its feedback; the accepted one stayed on version 1.
  const mapped = page.getByRole("region", { name: "Criteria this evidence is mapped to" });
  await expect(mapped).toContainText("Communicate objectives, targets, standards and procedures to staff");
  await expect(mapped).toContainText("Show the standards and procedures you communicated, not only the targets.");
  await expect(mapped).not.toContainText("Brief staff on their objectives and targets");

  // Version 2 is Cara's to change: details and files. She adds a file and resubmits.
  await expect(page.getByRole("link", { name: "Change the details" })).toBeVisible();
  const newFiles = page.getByRole("region", { name: "Files" });
  await expect(newFiles.getByRole("img", { name: "briefing.png" })).toBeVisible();
  await newFiles.getByLabel("Add files").setInputFiles({ name: "procedures.png", mimeType: "image/png", buffer: png });
  await expect(newFiles.getByRole("img", { name: "procedures.png" })).toBeVisible();
  const resubmit = page.getByRole("region", { name: "Submit for assessment" });
  await resubmit
    .getByLabel("I confirm this evidence is my own work, from real work activities, and is true and accurate")
    .check();
  await resubmit.getByRole("button", { name: /^(Resubmit|Submit)/ }).click();
  await expect(page.getByText(/Submitted for assessment on .*, with the declaration/)).toBeVisible();

  // Version 1 stays as judged, read-only, and points at version 2.
  await versions.getByRole("link", { name: "Version 1 (accepted parts)" }).click();
  await expect(page).toHaveURL(new RegExp(`${version1Path}$`));
  await expect(
    page.getByText(/^This is version 1 of this evidence, kept exactly as your assessor judged it/),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Open version 2, the latest" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Revise this evidence" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Files" }).getByLabel("Add files")).toHaveCount(0);
  await expect(page.getByRole("img", { name: "procedures.png" })).toHaveCount(0);
  await signOut(page);

  // --- Asha sees version 2 in her queue, accepts CS34 2.5; the CU782 decision still verifies.
  await signIn(page, "assessor@northgate.example");
  await visit("/assessor/queue");
  await page.getByRole("row").filter({ hasText: title }).getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Versions of this evidence" }).getByRole("link", {
      name: "Version 1 (accepted parts)",
    }),
  ).toBeVisible();
  await expect(page.getByRole("img", { name: "procedures.png" })).toBeVisible();
  const acceptAgain = page.getByRole("article", { name: cs34.name }).getByRole("form", { name: "Accept for 2.5" });
  await acceptAgain.getByRole("button", { name: "Accept for 2.5" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mapping accepted." })).toBeVisible();

  await visit(recordPath);
  await expect(page.getByRole("region", { name: cu782.name })).toContainText(verified);
});
