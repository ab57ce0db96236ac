import fs from "node:fs";
import { expect, test } from "./fixtures";
import { signIn } from "./helpers";

// A centre admin opens the progress dashboard, filters the candidate list to red enrolments of
// one unit, opens a candidate's read-only progress, and downloads the filtered list as CSV.
// The demo seed's Dev Shah started INSCS042 200 days ago on a 180-day plan: past its planned
// end date, so red. Every page visited is checked with axe.

const header =
  "Candidate,Email,Unit,Unit title,Assessor,Status,Start date,Planned end date,Criteria met,Criteria in unit,Progress (%),Time elapsed (%),RAG,Schedule,Last activity";

test("an admin filters to red enrolments of one unit, opens a candidate and downloads the CSV", async ({
  page,
  visit,
}) => {
  await signIn(page, "admin@northgate.example");
  await visit("/admin/progress");
  await expect(page.getByRole("heading", { level: 1, name: "Progress" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "RAG status by unit" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Assessor workload" })).toBeVisible();
  // The workload table pages (a large centre has hundreds of assessors) and says how many there are.
  const workload = page.getByRole("region", { name: "Assessor workload" });
  await expect(workload.getByText(/^Showing 1–\d+ of \d+ assessors$/)).toBeVisible();

  await page.getByRole("link", { name: "See the candidates" }).click();
  await expect(page).toHaveURL(/\/admin\/progress\/candidates$/);
  await expect(page.getByRole("heading", { level: 1, name: "Candidates’ progress" })).toBeVisible();

  const filters = page.getByRole("search", { name: "Filter candidates" });
  await filters.getByLabel("RAG status").selectOption("red");
  await filters.getByLabel("Unit").selectOption("INSCS042");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/rag=red/);
  await expect(page).toHaveURL(/unit=INSCS042/);
  const listUrl = page.url();
  await visit(listUrl);

  const row = page.getByRole("row").filter({ hasText: "Dev Shah" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("INSCS042");
  await expect(row).toContainText("Red");
  await expect(row).toContainText("Past planned end"); // why it is red: started 200 days ago on a 180-day plan
  await expect(page.getByRole("row").filter({ hasText: "Cara Jones" })).toHaveCount(0);

  await page.getByRole("link", { name: "Dev Shah, INSCS042" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dev Shah" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /INSCS042/ })).toBeVisible();
  await visit(page.url());

  await page.goto(listUrl);
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download this list as CSV/ }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^progress-northgate-training-centre-\d{4}-\d{2}-\d{2}\.csv$/);
  const file = await download.path();
  const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const lines = text.split("\r\n").filter(Boolean);
  expect(lines[0]).toBe(header);
  const rows = lines.slice(1);
  expect(rows.length).toBeGreaterThanOrEqual(1);
  expect(rows.every((line) => line.includes(",INSCS042,") && line.includes(",Red,"))).toBe(true);
  expect(
    rows.some(
      (line) => line.startsWith("Dev Shah,candidate2@northgate.example,") && line.includes(",Red,Past planned end,"),
    ),
  ).toBe(true);
});
