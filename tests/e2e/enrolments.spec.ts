import { expect, expectAccessible, test } from "./fixtures";
import { signIn, signOut } from "./helpers";

// A centre admin enrols a candidate on two units in one form, hands one enrolment to another
// assessor, and the candidate sees the unit on their home page. Every page visited is checked
// with axe.

test("an admin enrols a candidate, changes the assessor, and the candidate sees the unit", async ({ page, visit }) => {
  await signIn(page, "admin@northgate.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Enrolments" }).click();
  await expect(page).toHaveURL(/\/admin\/enrolments$/);
  await visit("/admin/enrolments");
  await expect(page.getByRole("heading", { level: 1, name: "Enrolments" })).toBeVisible();

  await page.getByRole("link", { name: "Enrol a candidate" }).click();
  await expect(page).toHaveURL(/\/admin\/enrolments\/new$/);
  await visit("/admin/enrolments/new");
  await expect(page.getByRole("heading", { level: 1, name: "Enrol a candidate" })).toBeVisible();

  // A refused form keeps what was typed and says what to fix, next to the field.
  const candidates = page.getByRole("group", { name: "Candidates" });
  const units = page.getByRole("group", { name: "Units" });
  // The filter asks the server (a centre may have thousands of candidates); a ticked candidate
  // stays ticked, listed apart, while the filter shows others.
  const filter = candidates.getByLabel("Show only candidates whose name or email contains");
  await filter.fill("dev");
  await expect(candidates.getByRole("status")).toContainText("Showing 1 of 1 matching candidates; 0 ticked.");
  await candidates.getByLabel("Dev Shah (candidate2@northgate.example)").check();
  await filter.fill("cara");
  await expect(candidates.getByRole("status")).toContainText("Showing 1 of 1 matching candidates; 1 ticked.");
  await expect(candidates.getByLabel("Cara Jones (candidate@northgate.example)")).not.toBeChecked();
  await expect(
    candidates.getByRole("list", { name: /Also ticked/ }).getByLabel("Dev Shah (candidate2@northgate.example)"),
  ).toBeChecked();
  await expectAccessible(page);
  await page.getByLabel("Start date").fill("2026-12-01");
  await page.getByLabel("Planned end date").fill("2026-11-01");
  await page.getByRole("button", { name: "Enrol", exact: true }).click();
  const problems = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(problems).toBeVisible();
  await expect(problems).toContainText("Choose at least one unit.");
  await expect(candidates.getByLabel("Dev Shah (candidate2@northgate.example)")).toBeChecked();
  await expect(page.getByLabel("Start date")).toHaveValue("2026-12-01");
  await expect(units).toHaveAccessibleDescription(/Choose at least one unit\./);

  // One candidate on two units in one go.
  await units.getByLabel(/^CS34 — /).check();
  await units.getByLabel(/^CS5 — /).check();
  await page.getByLabel("Assessor", { exact: true }).selectOption({ label: "Asha Patel (assessor@northgate.example)" });
  await page.getByLabel("Internal quality assurer (IQA)").selectOption({ label: "Iris Quinn (iqa@northgate.example)" });
  await page.getByLabel("Planned end date").fill("2027-06-30");
  await page.getByRole("button", { name: "Enrol", exact: true }).click();

  const report = page.getByRole("status").filter({ hasText: "Done: 2 enrolments made." });
  await expect(report).toBeVisible();
  await expect(report.getByRole("link", { name: "Dev Shah, CS34" })).toBeVisible();
  await expect(report.getByRole("link", { name: "Dev Shah, CS5" })).toBeVisible();
  await expectAccessible(page);

  // Sending the same again makes nothing twice, and says so.
  await page.getByRole("group", { name: "Candidates" }).getByLabel("Dev Shah (candidate2@northgate.example)").check();
  await page
    .getByRole("group", { name: "Units" })
    .getByLabel(/^CS5 — /)
    .check();
  await page.getByLabel("Assessor", { exact: true }).selectOption({ label: "Asha Patel (assessor@northgate.example)" });
  await page.getByLabel("Internal quality assurer (IQA)").selectOption({ label: "Iris Quinn (iqa@northgate.example)" });
  await page.getByLabel("Planned end date").fill("2027-06-30");
  await page.getByRole("button", { name: "Enrol", exact: true }).click();
  await expect(problems).toContainText("This candidate already has an active enrolment on CS5.");

  await page.getByRole("link", { name: "Back to enrolments" }).click();
  await expect(page).toHaveURL(/\/admin\/enrolments$/);
  const table = page.getByRole("table", { name: /Enrolments at Northgate Training Centre/ });
  const row = table.getByRole("row").filter({ has: page.getByRole("link", { name: "Dev Shah, CS34" }) });
  await expect(row).toContainText("Asha Patel");
  await expect(row).toContainText("Iris Quinn");
  await expect(row).toContainText("Active");

  await row.getByRole("link", { name: "Dev Shah, CS34" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dev Shah: CS34" })).toBeVisible();
  await visit(page.url().replace(/^https?:\/\/[^/]+/, ""));
  await expect(page.getByRole("link", { name: /version \d+ of CS34/ })).toHaveAttribute(
    "href",
    /\/standards\/CS34\?version=\d+$/,
  );

  await page.getByLabel("New assessor").selectOption({ label: "Ben Morgan (assessor2@northgate.example)" });
  await page.getByRole("button", { name: "Change assessor" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The assessor is now Ben Morgan." })).toBeVisible();
  const history = page.getByRole("table", { name: /Who assessed this enrolment/ });
  await expect(history.getByRole("row")).toHaveCount(3);
  const change = history.getByRole("row").nth(2);
  await expect(change.getByRole("cell").nth(0)).toHaveText("Asha Patel");
  await expect(change.getByRole("cell").nth(1)).toHaveText("Ben Morgan");
  await expect(change.getByRole("cell").nth(2)).toHaveText("Nadia Adams");
  await expect(page.getByRole("definition").filter({ hasText: "Ben Morgan" })).toBeVisible();

  await signOut(page);
  await signIn(page, "candidate2@northgate.example");
  await visit("/candidate");
  await expect(page.getByRole("heading", { level: 1, name: "My units" })).toBeVisible();
  const myUnits = page.getByRole("table", { name: "Units you are enrolled on" });
  const cs34 = myUnits.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^CS34/ }) });
  await expect(cs34).toContainText("Manage customer service operations");
  await expect(cs34).toContainText("Ben Morgan");
  await expect(cs34).toContainText("30 June 2027");
  await expect(cs34).toContainText("Active");
  // Progress for the new unit starts at nothing, and the next step points at the gap view.
  const progress = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: /^CS34 / }) });
  await expect(progress).toContainText(
    "0 of 28 criteria met, 0 with evidence but not yet met, 28 with no evidence yet.",
  );
  await expect(progress).toContainText("28 criteria have no evidence yet — open the gap view.");
});

test("a candidate is refused the admin's enrolment pages with a clear message", async ({ page, visit }) => {
  await signIn(page, "candidate@northgate.example");
  await visit("/admin/enrolments");
  await expect(page.getByRole("heading", { level: 1, name: "Enrolments" })).toBeVisible();
  await expect(page.getByText("Only a centre admin can see and manage a centre's enrolments")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});
