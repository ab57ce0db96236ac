import { expect, test } from "./fixtures";
import { signIn, signOut } from "./helpers";

// An assessment plan agreed between assessor and candidate: the assessor plans an observation
// on CS34 4.1, a refused form keeps what was typed, the candidate sees it in their next steps and
// agrees to it, and the assessor sees that they did.

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("the assessor plans an observation and the candidate agrees to it", async ({ page, visit }) => {
  await signIn(page, "assessor@northgate.example");
  await page.getByRole("link", { name: "Cara Jones, CS34" }).click();
  await page.getByRole("link", { name: "Assessment plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Assessment plan: CS34/ })).toBeVisible();
  await visit(page.url());

  const form = page.getByRole("form", { name: "Plan an activity" });
  await form.getByLabel("How it will be assessed").selectOption({ label: "Observation" });
  await form.getByLabel("Planned for").fill(daysFromNow(7));
  await form.getByLabel("Where (optional)").fill("Customer service desk, Leeds");
  // Refused first: no criterion ticked. What was typed stays.
  await form.getByRole("button", { name: "Add to the plan" }).click();
  const refused = page.getByRole("form", { name: "Plan an activity" });
  await expect(refused.getByText("Tick the criteria this activity will cover.").first()).toBeVisible();
  await expect(refused.getByLabel("Where (optional)")).toHaveValue("Customer service desk, Leeds");
  await expect(refused.getByLabel("Planned for")).toHaveValue(daysFromNow(7));

  await refused.getByLabel(/^4\.1 /).check();
  await refused.getByRole("button", { name: "Add to the plan" }).click();
  await expect(page.getByText("Activity added to the plan.")).toBeVisible();
  const activity = page.getByRole("listitem").filter({ hasText: "Customer service desk, Leeds" });
  await expect(activity.getByText("Waiting for the candidate to agree")).toBeVisible();
  await signOut(page);

  await signIn(page, "candidate@northgate.example");
  const nextSteps = page.getByRole("region", { name: "Your next steps" });
  await expect(nextSteps).toBeVisible();
  await nextSteps.getByRole("link", { name: /CS34: Observation on .*Customer service desk, Leeds/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Assessment plan: CS34/ })).toBeVisible();
  await visit(page.url());
  const mine = page.getByRole("listitem").filter({ hasText: "Customer service desk, Leeds" });
  await mine.getByRole("button", { name: "Agree to this activity" }).click();
  await expect(page.getByText("You agreed to the activity.")).toBeVisible();
  await expect(
    page.getByRole("listitem").filter({ hasText: "Customer service desk, Leeds" }).getByText("Agreed", { exact: true }),
  ).toBeVisible();
  await signOut(page);
});
