import { expect, test } from "./fixtures";
import { signIn, fillAndSaveEvidence, findCriteria } from "./helpers";

// Issue 15, item 4: references in the form the app suggests, range items and rules in words
// are found, on the public standards search and in the candidate's mapping search.

const cs34Text = "assess the suitability of a range of methods to monitor customer service operations";

test("the standards search finds CS34 1.2 by reference, by a range item and by its rule in words", async ({
  page,
  visit,
}) => {
  await visit("/standards");
  const region = page.getByRole("region", { name: "Find a criterion" });

  await page.getByLabel("Search criteria").fill("CS34 1.2");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\?q=CS34\+1\.2$/);
  await expect(region).toContainText("1 criterion matches “CS34 1.2”");
  await expect(region.getByRole("link", { name: "1.2 in CS34" })).toBeVisible();
  await expect(region).toContainText(cs34Text);

  await visit("/standards?q=mystery+shoppers");
  await expect(region.getByRole("link", { name: "1.2 in CS34" })).toBeVisible();
  await expect(region).toContainText("Range: cover at least 3 of these 9, including use of mystery shoppers");
  await expect(region.locator("mark").filter({ hasText: "mystery" })).toBeVisible();

  await visit("/standards?q=at+least+three");
  const first = region.getByRole("listitem").first();
  await expect(first.getByRole("link", { name: "1.2 in CS34" })).toBeVisible();
  await expect(first).toContainText("at least 3 of these 9");
  await first.getByRole("link", { name: "1.2 in CS34" }).click();
  await expect(page).toHaveURL(/\/standards\/CS34#c-assessment-1-2$/);
});

test("search syntax and punctuation are read as text, never an error", async ({ page, visit }) => {
  for (const junk of ['"', "NEAR(", "*", "-", ":"]) {
    await visit(`/standards?q=${encodeURIComponent(junk)}`);
    await expect(page.getByRole("heading", { level: 1, name: "Standards" })).toBeVisible();
  }
  await visit("/standards?q=%2A");
  await expect(
    page.getByText(
      "“*” has no words or references to search for; type a word such as monitor, or a reference such as CS34 1.2.",
    ),
  ).toBeVisible();
});

test("the demo candidate's mapping search finds CS34 1.2 the same three ways", async ({ page, visit }) => {
  const title = `Search check ${Date.now().toString(36)}`;
  await signIn(page, "candidate@northgate.example");
  await visit("/candidate/evidence/new");
  await fillAndSaveEvidence(page, {
    title: title,
    method: "Professional discussion",
    date: "2026-01-12",
    description: "How our team monitors the service customers get.",
  });
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  const criterion = page.getByRole("group", { name: new RegExp(`^1\\.2 ${cs34Text}`) });
  for (const query of ["CS34 1.2", "mystery shoppers", "at least three"]) {
    await findCriteria(page, query);
    await expect(criterion, query).toBeVisible();
    await expect(criterion).toContainText("at least 3 of these 9");
  }
  await expect(page.getByRole("status").filter({ hasText: /criteria found|criterion found/ })).toBeVisible();
});
