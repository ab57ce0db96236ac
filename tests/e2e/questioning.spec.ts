import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { signIn, signOut } from "./helpers";

// Questioning (issue #16) in the real UI: Ben adds two questions on INSCS042 knowledge items to
// Northgate's bank (a refused form keeps what was typed) and sets them for Dev, whose INSCS042 he
// assesses; Dev saves a draft and answers both; Ben marks one not yet with feedback and the other
// satisfactory; Dev reads the feedback and answers again; Ben marks the new answer satisfactory,
// and it shows as accepted evidence on the assessment record. Dev never sees the guidance. Axe
// runs on every new page. The questions are unique per run, so a re-run finds its own.

const unit = "INSCS042 — Plan, organise and control customer service operations";

async function questionItem(page: Page, text: string) {
  const item = page.getByRole("listitem").filter({ hasText: text });
  await expect(item).toHaveCount(1);
  return item;
}

async function mark(page: Page, question: string, attempt: number, outcome: "Satisfactory" | "Not yet", feedback = "") {
  const form = (await questionItem(page, question)).getByRole("form", { name: `Mark answer ${attempt}` });
  await form.getByLabel(outcome === "Satisfactory" ? "Satisfactory" : "Not yet: the candidate answers again").check();
  if (feedback) await form.getByLabel("Feedback for the candidate").fill(feedback);
  await form.getByRole("button", { name: "Save mark" }).click();
}

async function answer(page: Page, question: string, text: string, label = "Your answer") {
  const form = (await questionItem(page, question)).getByRole("form", { name: "Your answer" });
  await form.getByLabel(label, { exact: true }).fill(text);
  await form.getByRole("button", { name: "Submit answer" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Answer submitted. Your assessor has been told and will mark it." }),
  ).toBeVisible();
}

// long-function: one round trip read top to bottom, in the order the people act: the bank, setting, answering, marking, answering again, marking again; each step is a few lines against the page
test("an assessor keeps a question bank, sets questions, marks one not yet and then satisfactory; the candidate answers and answers again", async ({
  page,
  visit,
}) => {
  test.setTimeout(240_000);
  const run = Date.now().toString(36);
  const planning = `How do you develop plans for customer service operations, and what should they include? (${run})`;
  const contingencies = `Describe the contingencies that may occur in customer service operations (${run}).`;
  const guidance = `Look for objectives, staff, resources, budget and timescales (${run}).`;
  const feedback = "You named objectives only. Say what else a plan must include: resources, budget and timescales.";

  // --- Ben adds two questions to the INSCS042 bank; the first try, with no criterion, is refused.
  await signIn(page, "assessor2@northgate.example");
  await visit("/assessor");
  await page.getByRole("link", { name: "Question bank" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Question bank" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Unit", { exact: true }).selectOption({ label: unit });
  await page.getByRole("button", { name: "Show questions" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Questions for INSCS042" })).toBeVisible();
  await expectAccessible(page);

  const add = page.getByRole("form", { name: "Add a question" });
  await add.getByLabel("Question", { exact: true }).fill(planning);
  await add.getByLabel("Guidance for the assessor (optional)").fill(guidance);
  await add.getByRole("button", { name: "Add question" }).click();
  await expect(add.getByRole("alert")).toContainText(
    "Tick at least one criterion a good answer to this question proves.",
  );
  await expect(add.getByLabel("Question", { exact: true })).toHaveValue(planning);
  await expect(add.getByLabel("Guidance for the assessor (optional)")).toHaveValue(guidance);
  await expectAccessible(page);
  await add.getByLabel(/^Knowledge 1 how to develop plans for customer service operations/).check();
  await add.getByRole("button", { name: "Add question" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Question added to the bank." })).toBeVisible();
  await expect(await questionItem(page, planning)).toContainText(guidance);

  await add.getByLabel("Question", { exact: true }).fill(contingencies);
  await add.getByLabel(/^Knowledge 4 the types of contingencies/).check();
  await add.getByRole("button", { name: "Add question" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Question added to the bank." })).toBeVisible();
  await expect(await questionItem(page, contingencies)).toContainText("the types of contingencies");
  await expectAccessible(page);

  // --- Ben sets both for Dev from his INSCS042 record.
  await visit("/assessor");
  await page.getByRole("link", { name: "Dev Shah, INSCS042" }).click();
  await page.getByRole("link", { name: "Questions", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Questions: Dev Shah, INSCS042" })).toBeVisible();
  await expectAccessible(page);
  const set = page.getByRole("form", { name: "Set questions from the bank" });
  // Each box is labelled with the question and the criteria it covers.
  await set.getByLabel(planning).check();
  await set.getByLabel(contingencies).check();
  await set.getByRole("button", { name: "Set these questions" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Questions set. The candidate has been told." }),
  ).toBeVisible();
  await expect(await questionItem(page, planning)).toContainText("Waiting for the candidate's answer");
  await expect(await questionItem(page, planning)).toContainText(guidance);
  await expectAccessible(page);
  await signOut(page);

  // --- Dev saves a draft, then answers both; he never sees the guidance.
  await signIn(page, "candidate2@northgate.example");
  await visit("/candidate");
  const unitPath = await page
    .getByRole("link", { name: /^INSCS042 / })
    .first()
    .getAttribute("href");
  await visit(unitPath ?? "");
  await page.getByRole("link", { name: "Questions from your assessor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Questions for INSCS042" })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByText(guidance)).toHaveCount(0);
  const draftForm = (await questionItem(page, planning)).getByRole("form", { name: "Your answer" });
  await draftForm.getByLabel("Your answer", { exact: true }).fill("A plan sets objectives");
  await draftForm.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft saved." })).toBeVisible();
  await expect(draftForm.getByLabel("Your answer", { exact: true })).toHaveValue("A plan sets objectives");
  await answer(page, planning, "A plan sets the objectives for the team.");
  await answer(page, contingencies, "Staff absence, system failure and sudden peaks in demand, each with a plan B.");
  await expect(await questionItem(page, planning)).toContainText("Waiting for your assessor to mark it");
  await expectAccessible(page);
  await signOut(page);

  // --- Ben marks the planning answer not yet, with feedback, and the other satisfactory.
  await signIn(page, "assessor2@northgate.example");
  await visit("/notifications");
  await expect(page.getByRole("listitem").filter({ hasText: "An answer to mark for INSCS042" }).first()).toBeVisible();
  await page.getByRole("link", { name: "An answer to mark for INSCS042" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Questions: Dev Shah, INSCS042" })).toBeVisible();
  const questionsPath = new URL(page.url()).pathname;
  await mark(page, planning, 1, "Not yet", feedback);
  await expect(page.getByRole("status").filter({ hasText: "Answer marked not yet." })).toBeVisible();
  await expect(await questionItem(page, planning)).toContainText("Not yet: waiting for a new answer");
  await mark(page, contingencies, 1, "Satisfactory");
  await expect(page.getByRole("status").filter({ hasText: "Answer marked satisfactory." })).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  // --- Dev reads the feedback and answers again.
  await signIn(page, "candidate2@northgate.example");
  await visit(`${unitPath}/questions`);
  const again = await questionItem(page, planning);
  await expect(again).toContainText("Not yet: answer again");
  await expect(again).toContainText(`Feedback: ${feedback}`);
  await expect(await questionItem(page, contingencies)).toContainText("Satisfactory");
  await answer(
    page,
    planning,
    "A plan sets objectives, the staff and resources, the budget and the timescales.",
    "Your new answer",
  );
  await expectAccessible(page);
  await signOut(page);

  // --- Ben marks the new answer satisfactory: it is accepted evidence for INSCS042 knowledge item 1.
  await signIn(page, "assessor2@northgate.example");
  await visit(questionsPath);
  await mark(page, planning, 2, "Satisfactory");
  await expect(page.getByRole("status").filter({ hasText: "Answer marked satisfactory." })).toBeVisible();
  await expect(await questionItem(page, planning)).toContainText("Satisfactory");
  await page.getByRole("link", { name: "Back to the assessment record" }).click();
  const criterion = page.getByRole("region", { name: /^1 how to develop plans/ });
  await expect(criterion.getByRole("link", { name: /^Answer to: How do you develop plans/ }).first()).toBeVisible();
  await expectAccessible(page);
});
