import { expect, expectAccessible, test } from "./fixtures";
import { demoPassword, signIn, signOut } from "./helpers";

// The IQA's sample through to a closed action, as the people do it: Asha (assessor) signs one of
// Cara's CS34 criteria "not yet met"; Iris (IQA) proposes a sampling plan over the last week,
// opens that decision from the plan with "Review", and records "Action required" with feedback
// and a due date; Asha finds it under "QA actions" and responds; Iris closes it. Then Iris reads
// the IQA report, its printable page and its CSV. Axe checks every page on the way.

const isoDay = (daysFromToday: number) => new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);

test("an IQA samples a decision, sets an action, the assessor responds and the IQA closes it", async ({
  page,
  visit,
}) => {
  // Three people, five sign-ins and axe on a dozen pages: minutes on a busy CI machine.
  test.setTimeout(300_000);
  // Asha signs the last undecided criterion of Cara's CS34 as not yet met (it needs no evidence).
  await signIn(page, "assessor@northgate.example");
  await visit("/assessor/queue");
  await page.getByRole("link", { name: "Cara Jones, CS34" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Cara Jones: CS34 / })).toBeVisible();
  const undecided = page.locator('section[id^="criterion-"]').filter({ hasText: "Not decided yet." }).last();
  const ref = ((await undecided.locator("h4").innerText()).split(/\s/)[0] ?? "").trim();
  expect(ref).toMatch(/^\d+(\.\d+)?$/);
  const signSummary = undecided.locator("summary", { hasText: `Sign ${ref}` });
  if ((await signSummary.count()) > 0) await signSummary.click();
  await undecided.getByLabel("Your password (to sign)").fill(demoPassword);
  await undecided.getByRole("button", { name: "Not yet met" }).click();
  const decided = page.getByRole("region", { name: new RegExp(`^${ref.replace(".", "\\.")} `) });
  await expect(decided).toContainText("Not yet met: signed by Asha Patel");
  await expectAccessible(page);
  await signOut(page);

  // Iris proposes a plan over the last week and opens that decision from it.
  await signIn(page, "iqa@northgate.example");
  await visit("/iqa/plans/new");
  await page.getByLabel("Title", { exact: true }).fill("Weekly interim sample");
  const lastDay = await page.getByLabel("Last day", { exact: true }).inputValue();
  await page.getByLabel("First day", { exact: true }).fill(isoDay(-7));
  await page.getByLabel("Last day", { exact: true }).fill(lastDay || isoDay(0));
  await page.getByRole("button", { name: "Propose a sample" }).click();
  await expect(page).toHaveURL(/\/iqa\/plans\/[^/?#]+\?done=proposed$/);
  await expectAccessible(page);
  await page.getByRole("link", { name: `Review CS34 ${ref} for Cara Jones`, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Review: CS34 ${ref}, Cara Jones` })).toBeVisible();
  const itemPath = new URL(page.url()).pathname;
  const decision = page.getByRole("region", { name: "The decision sampled" });
  await expect(decision).toContainText("Not yet met");
  await expect(decision).toContainText("Verified: the evidence is as it was signed");
  // The decision can still be revoked from here, with the enrolment pages' own form.
  await expect(decision.locator("summary", { hasText: `Revoke the decision on ${ref}` })).toBeVisible();
  await expectAccessible(page);

  // "Action required" needs feedback and a date: refused without them, then recorded.
  const form = page.getByRole("form", { name: "Record the outcome" });
  await form.getByLabel("Action required").check();
  await form.getByRole("button", { name: "Record the outcome" }).click();
  await expect(form.getByRole("alert")).toContainText("There are problems with 2 answers");
  await expectAccessible(page);
  await form.getByLabel("Action required").check();
  await form.getByLabel("Feedback").fill("Say in the record why the range is not yet covered.");
  await form.getByLabel("Action due by").fill(isoDay(14));
  await form.getByRole("button", { name: "Record the outcome" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Outcome recorded: action required" })).toBeVisible();
  const actions = page.getByRole("region", { name: "Actions for the assessor" });
  await expect(actions).toContainText("Say in the record why the range is not yet covered.");
  await expect(actions).toContainText("Open");
  await expectAccessible(page);
  await signOut(page);

  // Asha finds the action under "QA actions" and responds.
  await signIn(page, "assessor@northgate.example");
  await page.getByRole("link", { name: "QA actions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "QA actions" })).toBeVisible();
  await expectAccessible(page);
  await page
    .getByRole("link", { name: `CS34 ${ref}, Cara Jones` })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: `QA action: CS34 ${ref}, Cara Jones` })).toBeVisible();
  await expect(page.getByRole("region", { name: "The decision it came from" })).toContainText("Not yet met");
  await expectAccessible(page);
  await page.getByLabel("Your response").fill("Added a note to the record: only two range items were seen.");
  await page.getByRole("button", { name: "Send response" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Response sent" })).toBeVisible();
  await expect(page.getByText("Responded", { exact: true }).first()).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  // Iris reads the response on the item and closes the action.
  await signIn(page, "iqa@northgate.example");
  await visit(itemPath);
  const thread = page.getByRole("region", { name: "Actions for the assessor" });
  await expect(thread).toContainText("Added a note to the record: only two range items were seen.");
  await expect(page.getByText("An action from this outcome has been answered")).toBeVisible();
  await thread.getByLabel("Note on closing").fill("The record now says why.");
  await thread.getByRole("button", { name: "Close the action" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Action closed" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Actions for the assessor" })).toContainText("Closed");
  await expect(page.getByRole("button", { name: "Re-open" })).toBeVisible();
  await expectAccessible(page);
  await visit("/iqa/actions?show=all");
  await expect(page.getByRole("link", { name: `CS34 ${ref}, Cara Jones` }).first()).toBeVisible();
});

test("the IQA report, its printable page and its CSV", async ({ page, visit }) => {
  await signIn(page, "iqa@northgate.example");
  await page.getByRole("link", { name: "IQA report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "IQA report" })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByLabel("From")).toHaveValue(/^\d{4}-\d\d-\d\d$/);
  await page.getByLabel("From").fill(isoDay(-30));
  await page.getByLabel("To").fill(isoDay(0));
  await page.getByRole("button", { name: "Show the report" }).click();
  await expect(page).toHaveURL(/\/iqa\/report\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$/);
  await expect(page.getByRole("region", { name: "Planned and sampled" })).toContainText("Asha Patel");
  await expect(page.getByRole("region", { name: "Open and overdue actions" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Coverage gaps" })).toBeVisible();
  await expectAccessible(page);

  const csvHref = await page.getByRole("link", { name: "Download as CSV" }).getAttribute("href");
  expect(csvHref).toMatch(/^\/api\/iqa\/report\?from=/);
  const csv = await page.request.get(csvHref ?? "");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text).toContain("Section,Name,About,Planned,Sampled");
  expect(text).toContain("Assessor,Asha Patel,");

  await page.getByRole("link", { name: "Printable version" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^IQA report, \d{4}-\d\d-\d\d to / })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the report" })).toBeVisible();
  await expectAccessible(page);
  await visit("/iqa/report?from=2027-02-30");
  await expect(page.getByText("“From” is not a real date")).toBeVisible();
});
