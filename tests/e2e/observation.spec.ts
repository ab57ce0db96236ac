import { expect, expectAccessible, test } from "./fixtures";
import { demoPassword, signIn, signOut } from "./helpers";

// An observation recorded by the assessor, in the real UI (issue #16): Asha records what she watched
// Cara do against CS34 3.1 with all its range items (a refused form keeps what was typed), attaches
// a photo, and cannot sign 3.1 as met while Cara has not confirmed the record; Cara sees it with no
// edit, upload or delete controls, is refused a dispute without a comment, confirms it; Asha signs
// 3.1 met; Iris (IQA) reads it. axe checks every page.
//
// The e2e database is shared by every spec. CS34 3.1 is touched by no other spec. (The brief named
// 4.1, but portfolio-flow.spec.ts, which runs after this file, needs 4.1 to have no evidence yet.)

// A 1x1 PNG.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const criterionName = /^3\.1 allocate resources according to agreed priorities/;
const rangeItems = ["finance", "staff- rotas, schedules, workloads", "materials"];
const location = "Northgate contact centre, supervisors' office";

test("an assessor records an observation with a photo, the candidate confirms it, and only then is the criterion signed met", async ({
  page,
  visit,
}) => {
  // Three sign-ins and a dozen pages, each checked with axe.
  test.setTimeout(180_000);
  const title = `Planning next week's resources ${Date.now().toString(36)}`;

  // --- Asha opens Cara's CS34 record and goes to record an observation.
  await signIn(page, "assessor@northgate.example");
  await visit("/assessor");
  const enrolmentRow = page
    .getByRole("table", { name: "Enrolments you assess" })
    .getByRole("row")
    .filter({ hasText: "CS34" })
    .filter({ hasText: "Cara Jones" });
  await enrolmentRow.getByRole("link", { name: "Cara Jones" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Cara Jones: CS34 / })).toBeVisible();
  const recordPath = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Record an observation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record an observation" })).toBeVisible();
  await visit(new URL(page.url()).pathname);

  // --- A refused form (the end before the start) keeps everything typed and ticked.
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Date of the observation").fill("2026-02-10");
  await page.getByLabel("Start time").fill("10:00");
  await page.getByLabel("End time").fill("09:30");
  await page.getByLabel("Where it took place").fill(location);
  await page
    .getByLabel("What you observed")
    .fill("Cara set next week's rota against the forecast call volumes and moved budget to cover the Monday peak.");
  const criteria = page.getByRole("group", { name: "Criteria of CS34 you observed" });
  await criteria.getByLabel(criterionName).check();
  const range = criteria.getByRole("group", { name: "Resources covered (3.1)" });
  for (const item of rangeItems) await range.getByLabel(item, { exact: true }).check();
  await page.getByRole("button", { name: "Record the observation" }).click();
  // Next's route announcer is an alert too: the form's problem is the one that says what is wrong.
  const problem = page.getByRole("alert").filter({ hasText: "The end time must be after the start time." });
  await expect(problem).toBeVisible();
  await expect(problem).toBeFocused();
  await expect(page.getByLabel("End time")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("Where it took place")).toHaveValue(location);
  await expect(criteria.getByLabel(criterionName)).toBeChecked();
  for (const item of rangeItems) await expect(range.getByLabel(item, { exact: true })).toBeChecked();
  await expectAccessible(page);

  await page.getByLabel("End time").fill("10:45");
  await page.getByRole("button", { name: "Record the observation" }).click();
  await expect(page).toHaveURL(/\/assessor\/observations\/[^/?]+\?done=recorded$/);
  const observationPath = new URL(page.url()).pathname;
  const evidenceId = decodeURIComponent(observationPath.split("/").pop() ?? "");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(`Recorded by Asha Patel on 10 February 2026, 10:00–10:45 at ${location}`)).toBeVisible();
  await expect(page.getByText("Waiting for the candidate's answer:")).toBeVisible();

  // --- She attaches a photo through the same uploader as a candidate's evidence.
  await page.getByLabel("Add files").setInputFiles({ name: "rota-board.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("img", { name: "rota-board.png" })).toBeVisible();
  await visit(observationPath);
  await expect(page.getByRole("img", { name: "rota-board.png" })).toBeVisible();

  // --- Not yet confirmed, it does not count: "met" is refused, saying why.
  await visit(recordPath);
  const record = page.getByRole("region", { name: criterionName });
  await expect(record).toContainText("observation not yet confirmed by the candidate");
  await record.getByText("Sign 3.1", { exact: true }).click();
  const decide = record.getByRole("form", { name: "Decide criterion 3.1" });
  await decide.getByLabel("Your password (to sign)").fill(demoPassword);
  await decide.getByRole("button", { name: "Sign as met" }).click();
  await expect(record.getByRole("alert")).toContainText(
    `The candidate has not yet confirmed the observation “${title}” as an accurate record. Ask them to confirm it, or resolve their dispute.`,
  );
  await expect(record).toContainText("Not decided yet.");
  await signOut(page);

  // --- Cara is told, reads it, and has nothing to change on it.
  await signIn(page, "candidate@northgate.example");
  await visit("/notifications");
  const notice = page.getByRole("listitem").filter({ hasText: `“${title}”` });
  await expect(notice).toHaveCount(1);
  await notice.getByRole("link", { name: "Your assessor recorded an observation; confirm it or dispute it" }).click();
  await expect(page).toHaveURL(new RegExp(`/candidate/evidence/${evidenceId}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await visit(`/candidate/evidence/${evidenceId}`);
  await expect(page.getByText(`Recorded by Asha Patel on 10 February 2026, 10:00–10:45 at ${location}`)).toBeVisible();
  await expect(page.getByText("Waiting for your answer:")).toBeVisible();
  await expect(page.getByRole("img", { name: "rota-board.png" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Change the details" })).toHaveCount(0);
  await expect(page.getByLabel("Add files")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await expect(page.getByText("Delete this evidence")).toHaveCount(0);

  // A dispute needs a comment; the refusal says so and keeps the choice.
  await page.getByLabel("I dispute this record").check();
  await page.getByRole("button", { name: "Send your answer" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Say what is wrong with the record" });
  await expect(refused).toBeFocused();
  await expect(page.getByLabel("I dispute this record")).toBeChecked();
  await expect(page.getByLabel("Your comment")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  await page.getByLabel("This is an accurate record").check();
  await page.getByRole("button", { name: "Send your answer" }).click();
  await expect(page).toHaveURL(new RegExp(`/candidate/evidence/${evidenceId}\\?saved=observationConfirmed$`));
  await expect(page.getByText("You confirmed the observation as an accurate record.")).toBeVisible();
  await expect(page.getByText("Confirmed:", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send your answer" })).toHaveCount(0);
  await expectAccessible(page);

  // It is in her evidence list like any other.
  await visit("/candidate/evidence");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await signOut(page);

  // --- Confirmed, it counts: Asha signs 3.1 as met on it.
  await signIn(page, "assessor@northgate.example");
  await visit(recordPath);
  await expect(record).not.toContainText("observation not yet confirmed by the candidate");
  await record.getByLabel("Your password (to sign)").fill(demoPassword);
  await record.getByRole("button", { name: "Sign as met" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Criterion signed as met. The candidate has been told." }),
  ).toBeVisible();
  await expect(record).toContainText(/Met: signed by Asha Patel on /);
  await expect(record).toContainText("Signature verified");
  // The observation can no longer change, files included.
  await visit(observationPath);
  await expect(page.getByText("Confirmed:", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Add files")).toHaveCount(0);
  await signOut(page);

  // --- Iris, the IQA, reads it on the review page.
  await signIn(page, "iqa@northgate.example");
  await visit(`/assessor/review/${evidenceId}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(`Recorded by Asha Patel on 10 February 2026, 10:00–10:45 at ${location}`)).toBeVisible();
  await expect(page.getByText("Confirmed:", { exact: true })).toBeVisible();
});
