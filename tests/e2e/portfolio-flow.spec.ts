import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { signIn } from "./helpers";

// Cara adds evidence with a PDF and a photo, maps it to CS34 4.1 (all six range items) and to
// CU782 1.2 (no range), watches both gap views change, and submits it with the declaration.
//
// The e2e database is shared by every spec: CS34 4.1 and CU782 1.2 are touched by no other spec,
// so their "before" state is "No evidence yet". The unit-wide counts are compared with what this
// test read before mapping, not with fixed numbers. The evidence stays submitted, waiting in
// Asha's queue: this file runs after assessment.spec.ts, the one spec that wants the queue empty.

/** A one-page PDF with a line of text, its cross-reference table computed, as a reader expects. */
function minimalPdf(text: string): Buffer {
  const content = `BT /F1 12 Tf 20 50 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

// A 4x4 checkerboard PNG (81 bytes).
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAGElEQVR42mP4//+/rN8NCMkAZwFJBpwyAG6JIgFwvUH9AAAAAElFTkSuQmCC",
  "base64",
);
const pdf = minimalPdf("Team briefing notes");
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

const understanding = ["vision", "objectives", "roles", "plans", "standards", "procedures"];

/** The gap view's entry for one criterion. */
function criterionEntry(page: Page, ref: string) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: ref, exact: true }) });
}

/** The number of criteria the gap view's summary table gives for a status. */
function statusCount(page: Page, unitCode: string, status: string) {
  return page
    .getByRole("table", { name: `Criteria of ${unitCode} by status` })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: status, exact: true }) })
    .getByRole("cell");
}

async function readCount(page: Page, unitCode: string, status: string): Promise<number> {
  const text = await statusCount(page, unitCode, status).textContent();
  const count = Number(text);
  expect(Number.isInteger(count), `count of "${status}" in ${unitCode}: ${text}`).toBe(true);
  return count;
}

test("a candidate uploads a PDF and a photo, maps the evidence in two units, sees the gap views change, and submits", async ({
  page,
  visit,
}) => {
  // Two uploads (resumable, several requests each), four gap views and the evidence page, each
  // checked with axe: on a loaded 2-core machine that took 72 s once. The timeout bounds a hang.
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const title = `Team briefing on our service vision ${stamp}`;
  const pdfName = `briefing-notes-${stamp}.pdf`;
  const pngName = `briefing-board-${stamp}.png`;

  await signIn(page, "candidate@northgate.example");
  await visit("/candidate");
  const cs34Path = await page
    .getByRole("link", { name: /^CS34 / })
    .first()
    .getAttribute("href");
  const cu782Path = await page
    .getByRole("link", { name: /^CU782 / })
    .first()
    .getAttribute("href");
  expect(cs34Path).toMatch(/^\/candidate\/units\/[^/?]+$/);
  expect(cu782Path).toMatch(/^\/candidate\/units\/[^/?]+$/);

  // --- Before: neither criterion has evidence.
  await visit(cs34Path ?? "");
  await expect(page.getByRole("heading", { level: 1, name: "CS34 Manage customer service operations" })).toBeVisible();
  const cs41 = criterionEntry(page, "4.1");
  await expect(cs41).toContainText("No evidence yet");
  await expect(cs41).toContainText("Cover all of these 6.");
  await expect(cs41).toContainText("Your evidence: 0 of all 6 covered. Accepted by the assessor: 0 of all 6 covered.");
  for (const item of understanding) await expect(cs41).toContainText(`${item} (not covered yet)`);
  const cs34None = await readCount(page, "CS34", "No evidence yet");
  const cs34Mapped = await readCount(page, "CS34", "Evidence mapped, not yet submitted");
  const cs34Submitted = await readCount(page, "CS34", "Submitted for assessment");

  await visit(cu782Path ?? "");
  await expect(
    page.getByRole("heading", { level: 1, name: "CU782 Plan, Organise and Control Customer Service Operations" }),
  ).toBeVisible();
  const cu12 = criterionEntry(page, "1.2");
  await expect(cu12).toContainText("No evidence yet");
  await expect(cu12).toContainText("Attach evidence from your real work that shows this.");
  const cu782None = await readCount(page, "CU782", "No evidence yet");
  const cu782Submitted = await readCount(page, "CU782", "Submitted for assessment");

  // --- The evidence, from real work (CU782 refuses simulated evidence).
  await visit("/candidate/evidence/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Method", { exact: true }).selectOption({ label: "Product of work" });
  await page.getByLabel("Date of the activity", { exact: true }).fill("2026-02-09");
  await page
    .getByLabel("Description", { exact: true })
    .fill(
      "My briefing notes and the board I used to take the team through our vision, objectives, roles, plans, standards and procedures.",
    );
  await expect(page.getByLabel("This evidence comes from a simulation or role-play, not real work")).not.toBeChecked();
  await page.getByRole("button", { name: "Save evidence" }).click();
  await expect(page).toHaveURL(/\/candidate\/evidence\/[^/?]+\?saved=created$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Real work", { exact: true })).toBeVisible();
  const evidencePath = new URL(page.url()).pathname;

  // --- Both files through the upload control, at once.
  const files = page.getByRole("region", { name: "Files" });
  await expect(files).toContainText("No files yet.");
  await files.getByLabel("Add files").setInputFiles([
    { name: pdfName, mimeType: "application/pdf", buffer: pdf },
    { name: pngName, mimeType: "image/png", buffer: png },
  ]);
  const pdfItem = files.getByRole("listitem").filter({ hasText: pdfName });
  const pngItem = files.getByRole("listitem").filter({ hasText: pngName });
  await expect(pdfItem).toBeVisible();
  await expect(pngItem).toBeVisible();
  await expect(pdfItem).toContainText("Type:PDF");
  await expect(pdfItem).toContainText(`Size:${pdf.length} bytes`);
  await expect(pdfItem).toContainText(`SHA-256:${sha(pdf).slice(0, 12)}`);
  await expect(pngItem).toContainText("Type:PNG image");
  await expect(pngItem).toContainText(`Size:${png.length} bytes`);
  await expect(pngItem).toContainText(`SHA-256:${sha(png).slice(0, 12)}`);
  await expect(files).not.toContainText("No files yet.");
  await expect(files.getByRole("alert")).toHaveCount(0);

  // Previews: the photo inline, the PDF as a link to open it in a new tab.
  const preview = pngItem.getByRole("img", { name: pngName });
  await expect(preview).toBeVisible();
  // The preview loads lazily: bring it into view, then it must decode as the 4x4 image sent.
  await preview.scrollIntoViewIfNeeded();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(4);
  const openPdf = pdfItem.getByRole("link", { name: `Open ${pdfName} in a new tab (PDF)` });
  await expect(openPdf).toHaveAttribute("target", "_blank");
  const pdfResponse = await page.request.get((await openPdf.getAttribute("href")) ?? "");
  expect(pdfResponse.status()).toBe(200);
  expect(pdfResponse.headers()["content-type"]).toBe("application/pdf");
  expect(Buffer.from(await pdfResponse.body()).equals(pdf)).toBe(true);
  await expect(pdfItem.getByRole("link", { name: `Download ${pdfName}` })).toBeVisible();
  await expectAccessible(page);

  // --- Map it to CS34 4.1 with all six range items, and to CU782 1.2, which has none.
  const search = page.getByLabel("Find criteria by words or reference");
  await search.fill("CS34 4.1");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const cs41Form = page.getByRole("group", {
    name: /^4\.1 confirm that staff understand the vision, objectives, roles, plans, standards and procedures/,
  });
  await expect(cs41Form).toContainText("all of these 6");
  for (const item of understanding) await cs41Form.getByLabel(item, { exact: true }).check();
  await cs41Form.getByRole("button", { name: /^Map to / }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mapped to CS34 4.1." })).toBeVisible();

  await search.fill("CU782 1.2");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  const cu12Form = page.getByRole("group", {
    name: /^1\.2 Develop specific plans that will ensure sustainable and consistent delivery of customer service/,
  });
  await expect(cu12Form).toContainText("This criterion has no range items to tick.");
  // Its twin in CS34 (2.2, the same requirement) is offered ticked, to claim in the same step;
  // this flow follows one criterion per unit, so it unticks it (claim-across-units.spec.ts claims twins).
  const twin = cu12Form.getByRole("checkbox", { name: /^CS34 2\.2 / });
  await expect(twin).toBeChecked();
  await twin.uncheck();
  await cu12Form.getByRole("button", { name: /^Map to / }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mapped to CU782 1.2." })).toBeVisible();

  const mapped = page.getByRole("region", { name: "Criteria this evidence is mapped to" });
  const cs34Mapping = mapped.getByRole("region", { name: "CS34 Manage customer service operations" });
  const cu782Mapping = mapped.getByRole("region", {
    name: "CU782 Plan, Organise and Control Customer Service Operations",
  });
  await expect(cs34Mapping).toContainText(
    "confirm that staff understand the vision, objectives, roles, plans, standards and procedures",
  );
  await expect(cs34Mapping).toContainText("Proposed");
  await expect(cs34Mapping).toContainText("6 of 6 items claimed");
  await expect(cu782Mapping).toContainText(
    "Develop specific plans that will ensure sustainable and consistent delivery of customer service",
  );
  await expect(cu782Mapping).toContainText("Proposed");
  await expect(mapped).toContainText("Not yet submitted for assessment.");
  await expectAccessible(page);

  // --- After mapping: both gap views show the evidence, not yet submitted.
  await visit(cs34Path ?? "");
  await expect(cs41).toContainText("Evidence mapped, not yet submitted");
  await expect(cs41).toContainText(
    "Your evidence: 6 of all 6 covered — enough for the rule, once the assessor accepts it. Accepted by the assessor: 0 of all 6 covered.",
  );
  for (const item of understanding) await expect(cs41).toContainText(`${item} (covered by proposed evidence)`);
  await expect(cs41.getByRole("link", { name: title })).toHaveAttribute("href", evidencePath);
  await expect(cs41).toContainText(`${title} — Proposed`);
  await expect(statusCount(page, "CS34", "No evidence yet")).toHaveText(String(cs34None - 1));
  await expect(statusCount(page, "CS34", "Evidence mapped, not yet submitted")).toHaveText(String(cs34Mapped + 1));

  await visit(cu782Path ?? "");
  await expect(cu12).toContainText("Evidence mapped, not yet submitted");
  await expect(cu12.getByRole("link", { name: title })).toHaveAttribute("href", evidencePath);
  await expect(cu12).toContainText(`${title} — Proposed`);
  await expect(statusCount(page, "CU782", "No evidence yet")).toHaveText(String(cu782None - 1));

  // --- Submit with the declaration.
  await visit(evidencePath);
  const submit = page.getByRole("region", { name: "Submit for assessment" });
  // Without the declaration nothing is sent, and the page (not a browser bubble) says why.
  await submit.getByRole("button", { name: "Submit for assessment" }).click();
  await expect(
    submit
      .getByText(
        "Tick the declaration to confirm this evidence is your own work, from real work activities, and is true and accurate.",
      )
      .first(),
  ).toBeVisible();
  await submit
    .getByLabel("I confirm this evidence is my own work, from real work activities, and is true and accurate")
    .check();
  await submit.getByRole("button", { name: "Submit for assessment" }).click();
  await expect(
    page.getByText(/Submitted for assessment on .*, with the declaration: “I confirm this evidence is my own work/),
  ).toBeVisible();
  await expect(cs34Mapping).toContainText("Submitted");
  await expect(cu782Mapping).toContainText("Submitted");
  await expect(page.getByRole("button", { name: "Submit for assessment" })).toHaveCount(0);
  // Submitted evidence and its files are fixed now.
  await expect(
    page.getByText("This evidence has been submitted for assessment, so it can no longer be changed or deleted."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Change the details" })).toHaveCount(0);
  await expect(files.getByLabel("Add files")).toHaveCount(0);
  await expect(files.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await expect(pdfItem).toBeVisible();
  await expect(pngItem).toBeVisible();

  // --- The gap views say submitted.
  await visit(cs34Path ?? "");
  await expect(cs41).toContainText("Submitted for assessment");
  await expect(cs41).toContainText("Waiting for your assessor to review the evidence.");
  for (const item of understanding) await expect(cs41).toContainText(`${item} (covered by submitted evidence)`);
  await expect(cs41).toContainText(`${title} — Submitted`);
  await expect(statusCount(page, "CS34", "Submitted for assessment")).toHaveText(String(cs34Submitted + 1));
  await expect(statusCount(page, "CS34", "Evidence mapped, not yet submitted")).toHaveText(String(cs34Mapped));

  await visit(cu782Path ?? "");
  await expect(cu12).toContainText("Submitted for assessment");
  await expect(cu12).toContainText(`${title} — Submitted`);
  await expect(statusCount(page, "CU782", "Submitted for assessment")).toHaveText(String(cu782Submitted + 1));
});
