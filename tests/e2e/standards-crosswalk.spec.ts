import { expect, expectAccessible, test } from "./fixtures";

// The crosswalk on the public standards pages (issue #18): a criterion's curated equivalents in
// the other units, and the crosswalk view between two units with its coverage and pairs.

test("a CU782 criterion shows its twin in CS5 as the same requirement, linked to it", async ({ page, visit }) => {
  await visit("/standards/CU782");
  const criterion = page.locator("#c-assessment-2-4");
  await expect(criterion).toContainText("Brief staff on their objectives and targets");
  await expect(criterion).toContainText("Equivalents in other units");
  const twin = criterion.getByRole("listitem").filter({ has: page.getByRole("link", { name: "CS5/O8 in CS5" }) });
  await expect(twin).toContainText("Same requirement");
  await expect(twin).toContainText("You brief staff on their objectives and targets");
  await expect(twin).toContainText("Why:");
  await expect(criterion.getByText("Close").first()).toBeVisible();

  await twin.getByRole("link", { name: "CS5/O8 in CS5" }).click();
  await expect(page).toHaveURL(/\/standards\/CS5#c-outcome-CS5-O8$/);
  await expect(page.locator("#c-outcome-CS5-O8")).toContainText("Same requirement");
  await expectAccessible(page);
});

test("the crosswalk view between CU782 and CS5 gives coverage and the pairs", async ({ page, visit }) => {
  await visit("/standards/CU782");
  await page.getByRole("link", { name: "CU782 and CS5" }).click();
  await expect(page).toHaveURL(/\/standards\/crosswalk\?a=CU782&b=CS5$/);
  await expect(page.getByRole("heading", { level: 1, name: "Crosswalk: CU782 and CS5" })).toBeVisible();
  await expect(page).toHaveTitle(/Crosswalk CU782 and CS5/);
  await expect(page.getByText("CU782 criteria with an exact equivalent in CS5: 27 of 27")).toBeVisible();
  await expect(page.getByText("CS5 criteria with an exact equivalent in CU782: 27 of 33")).toBeVisible();
  const pairs = page.getByRole("region", { name: "Pairs between CU782 and CS5" });
  await expect(pairs.getByRole("row")).toHaveCount(27 + 1);
  await expect(pairs.getByRole("link", { name: "1.1 in CU782" })).toBeVisible();
  await expect(page.getByRole("region", { name: "CS5 criteria without an equivalent in CU782" })).toContainText(
    "You support others in your team",
  );
  await expectAccessible(page);
});

test("the crosswalk view's form compares the two units chosen", async ({ page, visit }) => {
  await visit("/standards/crosswalk");
  await expect(page.getByRole("heading", { level: 1, name: "Crosswalk between units" })).toBeVisible();
  await page.getByLabel("First unit").selectOption("INSCS042");
  await page.getByLabel("Second unit").selectOption("CFAM&LFD3");
  await page.getByRole("button", { name: "Show crosswalk" }).click();
  await expect(page).toHaveURL(/\/standards\/crosswalk\?a=INSCS042&b=CFAM%26LFD3$/);
  await expect(page.getByText(/^INSCS042 criteria with an exact equivalent in CFAM&LFD3: \d+ of 35$/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Pairs between INSCS042 and CFAM&LFD3" })).toContainText("Close");
  await expectAccessible(page);

  await visit("/standards/crosswalk?a=CS5&b=CS5");
  await expect(page.getByText("Choose two different units to compare.")).toBeVisible();
});
