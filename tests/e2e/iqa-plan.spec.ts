import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { signIn, signOut } from "./helpers";

// An IQA's sampling strategy and plan, as Iris Quinn (iqa@northgate.example) uses them on the demo
// data (lib/demo/decisions.ts: Asha Patel's and Ben Morgan's signed decisions of the last 90 days
// on enrolments Iris quality-assures). She sets Ben's risk level with a reason, proposes a sample
// of the last 90 days, reads its coverage, removes an item and adds it back by hand. Then the
// centre's admin reads the strategy and the plan, and can change neither. Axe on every page.
//
// The e2e database is shared: Asha stays new (sampled at 100%) so the other specs' plans keep
// every decision of hers, and counts read from the page are compared with themselves.

/** "Professional discussion: 1 of 1" in Asha's CS34 cell of the coverage matrix, as [items, decisions]. */
async function discussionCounts(page: Page): Promise<[number, number]> {
  const matrix = page.getByRole("region", { name: /^Items in the plan of the decisions signed in the period/ });
  const cell = matrix.getByRole("row", { name: /^Asha Patel/ });
  const match = /Professional discussion: (\d+) of (\d+)/.exec(await cell.innerText());
  expect(match, "Asha's CS34 cell lists professional discussion").not.toBeNull();
  return [Number(match?.[1]), Number(match?.[2])];
}

async function selectOptionContaining(select: Locator, text: string) {
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  expect(value, `an option containing "${text}"`).toBeTruthy();
  await select.selectOption(value ?? "");
}

test("an IQA sets a risk level, proposes a sample, reads its coverage, removes an item and adds it back", async ({
  page,
  visit,
}) => {
  // Two people, a dozen pages with axe on each.
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const title = `Last 90 days ${stamp}`;
  const reason = `Two years on CU782 with clean samples (${stamp}).`;

  // --- The strategy: every assessor starts new; Ben's level is set with a reason.
  await signIn(page, "iqa@northgate.example");
  await page.getByRole("link", { name: "Strategy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sampling strategy" })).toBeVisible();
  await expect(page.getByText("An assessor whose level has never been set is new", { exact: false })).toBeVisible();
  await expectAccessible(page);

  const form = page.getByRole("region", { name: "Set a risk level" });
  await form.getByLabel("Assessor", { exact: true }).selectOption({ label: "Ben Morgan" });
  await form.getByLabel("Risk level", { exact: true }).selectOption({ label: "Standard (25%)" });
  await form.getByRole("button", { name: "Set risk level" }).click();
  await expect(form.getByRole("alert")).toContainText("Write why you set this level.");
  await expect(form.getByLabel("Reason", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await form.getByLabel("Risk level", { exact: true }).selectOption({ label: "Standard (25%)" });
  await form.getByLabel("Reason", { exact: true }).fill(reason);
  await form.getByRole("button", { name: "Set risk level" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Risk level set." })).toBeVisible();
  const ben = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: "Ben Morgan" }) });
  await expect(ben).toContainText("Standard, sampled at 25%");
  await expect(ben).toContainText(reason);
  await ben.getByText(/^History \(/).click();
  await expect(ben.getByRole("listitem").first()).toContainText(
    "Iris Quinn: Standard (25%, the level's rate) for all units",
  );
  await expectAccessible(page);

  // --- A plan of the last 90 days: the form starts with that period; the seed is picked.
  await page.getByRole("link", { name: "Sampling plans" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sampling plans" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "New sampling plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New sampling plan" })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByLabel("First day", { exact: true })).toHaveValue(/^\d{4}-\d\d-\d\d$/);
  await expect(page.getByLabel("Last day", { exact: true })).toHaveValue(/^\d{4}-\d\d-\d\d$/);
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Propose a sample" }).click();
  await expect(page).toHaveURL(/\/iqa\/plans\/[^/?#]+\?done=proposed$/);
  const planUrl = page.url().replace(/\?.*$/, "");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(/^\d+ \(proposed /)).toBeVisible(); // the seed that was picked
  await expectAccessible(page);

  const items = page.getByRole("region", { name: "Items" });
  const reviewDiscussion = page.getByRole("link", { name: "Review CS34 1.5 for Ella Green" });
  const discussion = items.getByRole("row").filter({ has: reviewDiscussion });
  await expect(discussion).toBeVisible();
  await expect(
    items.getByRole("row").filter({ hasText: "Finn Walsh" }).filter({ hasText: "Summative" }).first(),
  ).toBeVisible();
  await expect(items.getByRole("link", { name: /^Review CU782 / }).first()).toBeVisible();
  const matrix = page.getByRole("region", { name: /^Items in the plan of the decisions signed in the period/ });
  await expect(matrix.getByRole("columnheader", { name: "CU782" })).toBeVisible();
  await expect(matrix.getByRole("row", { name: /^Ben Morgan/ })).toContainText(/Observation: \d+ of \d+/);
  const [before, decisions] = await discussionCounts(page);
  expect(before).toBe(decisions); // Asha is new: every decision of hers is sampled

  // --- Remove the discussion item: the matrix counts one fewer.
  await items.getByRole("button", { name: "Remove CS34 1.5 for Ella Green" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Item removed from the plan." })).toBeVisible();
  await expect(discussion).toHaveCount(0);
  expect(await discussionCounts(page)).toEqual([before - 1, decisions]);
  if (decisions === 1) await expect(page.getByText("No item uses professional discussion")).toBeVisible();
  await expectAccessible(page);

  // --- Add it back by hand.
  const add = page.getByRole("region", { name: "Add a decision by hand" });
  await selectOptionContaining(
    add.getByLabel("Add a decision", { exact: true }),
    "Ella Green, CS34 1.5 — Professional discussion",
  );
  await add.getByRole("button", { name: "Add to plan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Decision added to the plan." })).toBeVisible();
  await expect(discussion).toBeVisible();
  await expect(discussion).toContainText("Added by hand");
  expect(await discussionCounts(page)).toEqual([before, decisions]);
  await expect(page.getByText("No item uses professional discussion")).toHaveCount(0);
  await expectAccessible(page);
  await signOut(page);

  // --- The centre's admin reads the strategy and the plan, and can change neither.
  await signIn(page, "admin@northgate.example");
  await visit("/iqa/strategy");
  await expect(page.getByRole("heading", { level: 1, name: "Sampling strategy" })).toBeVisible();
  await expect(page.getByText(reason).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Set risk level" })).toHaveCount(0);
  await visit("/iqa/plans");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title }) });
  await expect(row).toContainText("Iris Quinn");
  await row.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  expect(page.url().replace(/\?.*$/, "")).toBe(planUrl);
  await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await expect(page.getByLabel("Add a decision", { exact: true })).toHaveCount(0);
  await expectAccessible(page);
});
