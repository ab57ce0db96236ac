import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { expect, expectAccessible, test } from "./fixtures";
import { addEvidence, findCriteria, signIn, signOut } from "./helpers";

// An EQA visit end to end: Cara submits evidence with a PDF on CS34 3.7; Nadia (admin) arranges a
// visit for Evan (EQA) over today with a units scope (CS34); Evan opens it from his visits,
// records a finding that needs action, and downloads the evidence pack. `npm run pack:verify`
// passes on the downloaded ZIP, and fails naming Cara's file once one byte of it inside the ZIP is
// changed (entries are stored, not compressed, so the file's bytes are found as they are). Axe
// checks every page. Evan may not have the portfolio's own pack; Cara downloads hers from her unit page.
//
// The e2e database is shared by every spec: CS34 3.7 is touched by no other spec. The evidence
// stays submitted, waiting in Asha's queue, as portfolio-flow's does (this file runs after
// assessment.spec.ts, the one spec that wants the queue empty).

const run = promisify(execFile);

/** A one-page PDF whose bytes are unique to this run. */
function uniquePdf(text: string): Buffer {
  const content = `BT /F1 12 Tf 20 50 Td (${text}) Tj ET`;
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n3 0 obj << /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    "latin1",
  );
}

async function packVerify(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return run("npx", ["tsx", "scripts/pack-verify.ts", file]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

// long-function: one visit from arranging to verifying its pack, in the order the three people act; each step is a few lines of the same flow
test("an admin arranges an EQA visit; the EQA records a finding and downloads a pack that pack:verify checks", async ({
  page,
  visit,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const title = `Customer feedback actions ${stamp}`;
  const fileName = `feedback-${stamp}.pdf`;
  const pdf = uniquePdf(`Feedback actions ${stamp}`);

  // --- Cara submits evidence with a PDF for CS34 3.7.
  await signIn(page, "candidate@northgate.example");
  await addEvidence(page, visit, {
    title,
    method: "Product of work",
    date: "2026-10-05",
    description: "The actions I took after the customer survey.",
  });
  const files = page.getByRole("region", { name: "Files" });
  await files.getByLabel("Add files").setInputFiles({ name: fileName, mimeType: "application/pdf", buffer: pdf });
  await expect(files.getByRole("listitem").filter({ hasText: fileName })).toBeVisible();
  await findCriteria(page, "CS34 3.7");
  const form = page.getByRole("group", { name: /^3\.7 use feedback from staff and customers to make improvements/ });
  await form.getByRole("button", { name: /^Map to / }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mapped to CS34 3.7." })).toBeVisible();
  const submit = page.getByRole("region", { name: "Submit for assessment" });
  await submit
    .getByLabel("I confirm this evidence is my own work, from real work activities, and is true and accurate")
    .check();
  await submit.getByRole("button", { name: "Submit for assessment" }).click();
  await expect(page.getByText(/Submitted for assessment on /)).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  // --- Nadia arranges a visit for Evan, today, covering CS34.
  const visitTitle = `Sampling visit ${stamp}`;
  await signIn(page, "admin@northgate.example");
  await visit("/admin/visits");
  await page.getByRole("link", { name: "Arrange a visit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Arrange an EQA visit" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("External quality assurer").selectOption({ label: "Evan Quist (eqa@awarding.example)" });
  // The candidates scope's list searches the centre's enrolled candidates on the server, and a
  // refused form keeps who was ticked.
  const visitCandidates = page.getByRole("group", { name: "Candidates (for a candidates scope)" });
  await visitCandidates.getByLabel("Show only candidates whose name or email contains").fill("cara");
  await expect(visitCandidates.getByRole("status")).toContainText("Showing 1 of 1 matching candidates; 0 ticked.");
  await visitCandidates.getByLabel("Cara Jones (candidate@northgate.example)").check();
  await page.getByLabel(/^Candidates: every enrolment/).check();
  await page.getByRole("button", { name: "Arrange the visit" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Title" }).first()).toBeVisible();
  await expect(visitCandidates.getByLabel("Cara Jones (candidate@northgate.example)")).toBeChecked();
  await visitCandidates.getByRole("button", { name: "Untick all" }).click();

  await page.getByLabel("Title").fill(visitTitle);
  await page.getByLabel(/^Units: every enrolment/).check();
  await page.getByLabel(/^CS34 /).check();
  await page.getByRole("button", { name: "Arrange the visit" }).click();
  await expect(page).toHaveURL(/\/admin\/visits\/[^/?]+\?created=/);
  await expect(page.getByRole("heading", { level: 1, name: visitTitle })).toBeVisible();
  await expect(page.getByText(/Visit arranged: \d+ portfolios? (is|are) open to Evan Quist/)).toBeVisible();
  const scope = page.getByRole("table", { name: "Enrolments the EQA can read during the visit" });
  const caraCs34 = scope.getByRole("link", { name: "Cara Jones, CS34" });
  await expect(caraCs34).toBeVisible();
  const enrolmentId = ((await caraCs34.getAttribute("href")) ?? "").split("/").pop() ?? "";
  await expectAccessible(page);
  await visit("/admin/visits");
  await expect(page.getByRole("link", { name: visitTitle })).toBeVisible();
  await signOut(page);

  // --- Evan opens the visit from his list, records a finding and downloads the pack.
  await signIn(page, "eqa@awarding.example");
  await visit("/eqa/visits");
  await page.getByRole("table", { name: "Visits open today" }).getByRole("link", { name: visitTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: visitTitle })).toBeVisible();
  await expectAccessible(page);
  const portfolio = page.getByRole("link", { name: "Cara Jones, CS34" });
  await expect(portfolio).toHaveAttribute("href", /\/assessor\/enrolments\//);

  const finding = page.getByRole("region", { name: "Record a finding" });
  await finding.getByLabel("Finding").fill(`Feedback on ${title} is sound; standardise the survey form. ${stamp}`);
  await finding.getByLabel("This needs action").check();
  const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await finding.getByLabel("Action due by").fill(due);
  await finding.getByLabel("Address the action to").selectOption({ label: "Asha Patel" });
  await finding.getByRole("button", { name: "Record the finding" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Finding recorded, with an action" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Findings" })).toContainText(stamp);
  await expect(page.getByRole("table", { name: "Actions raised at this visit" })).toContainText("Asha Patel");
  await expectAccessible(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the evidence pack" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^evidence-pack-.*\.zip$/);
  const zipFile = path.resolve("test-results", `eqa-visit-${stamp}.zip`);
  await download.saveAs(zipFile);

  // --- pack:verify passes on the pack as downloaded.
  const good = await packVerify(zipFile);
  expect(good.stderr + good.stdout, "pack:verify on the downloaded pack").toMatch(/^OK: /m);
  expect(good.code).toBe(0);

  // --- One byte of Cara's PDF changed inside the ZIP: pack:verify fails, naming that file.
  const zip = fs.readFileSync(zipFile);
  const at = zip.indexOf(pdf);
  expect(at, "the stored PDF's bytes are in the ZIP as they are").toBeGreaterThan(0);
  zip[at + 20] = zip[at + 20]! ^ 0x20;
  const tampered = path.resolve("test-results", `eqa-visit-${stamp}-tampered.zip`);
  fs.writeFileSync(tampered, zip);
  const bad = await packVerify(tampered);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toMatch(
    new RegExp(`files/cara_jones-[^/]+/[^/]+/${fileName.replace(".", "\\.")}: its SHA-256 is`),
  );
  // A portfolio's own pack is not the EQA's: they have their visit's.
  expect((await page.request.get(`/api/packs/enrolments/${enrolmentId}`)).status()).toBe(403);
  await visit("/eqa");
  await expect(page.getByRole("link", { name: "My EQA visits" })).toBeVisible();
  await signOut(page);

  // --- Cara downloads her own CS34 pack from her unit page.
  await signIn(page, "candidate@northgate.example");
  await visit(`/candidate/units/${enrolmentId}`);
  const own = page.getByRole("link", { name: "Download my evidence pack" });
  await expect(own).toHaveAttribute("href", `/api/packs/enrolments/${enrolmentId}`);
  const ownPack = await page.request.get(`/api/packs/enrolments/${enrolmentId}`);
  expect(ownPack.status()).toBe(200);
  expect(ownPack.headers()["content-type"]).toBe("application/zip");
  expect((await ownPack.body()).includes(pdf)).toBe(true);
});
