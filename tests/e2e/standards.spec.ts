import { expect, expectAccessible, test } from "./fixtures";

const codes = ["CFAM&LFD3", "CS34", "CS5", "CU782", "INSCS042"];

test("the catalogue lists every unit with its criteria counted by kind", async ({ page, visit }) => {
  await visit("/standards");
  await expect(page.getByRole("heading", { level: 1, name: "Standards" })).toBeVisible();
  const table = page.getByRole("table", { name: /Units of competence/ });
  await expect(table.getByRole("row")).toHaveCount(codes.length + 1);
  for (const code of codes) await expect(table.getByRole("rowheader", { name: code, exact: true })).toBeVisible();
  const cs34 = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "CS34", exact: true }) });
  await expect(cs34).toContainText("28 assessment criteria");
  await expect(cs34).toContainText("Qualification unit");
  const cfam = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "CFAM&LFD3" }) });
  await expect(cfam).toContainText("16 performance criteria");
  await expect(cfam).toContainText("National Occupational Standard");
  await expect(cfam).toContainText("Skills CFA");

  await table.getByRole("link", { name: "CFAM&LFD3" }).click();
  await expect(page).toHaveURL(/\/standards\/CFAM%26LFD3$/);
  await expect(page.getByRole("heading", { level: 1, name: "CFAM&LFD3 Manage customer service" })).toBeVisible();
});

test("a unit page shows each criterion verbatim with its range rule in words", async ({ page, visit }) => {
  await visit("/standards/CS34");
  await expect(page.getByRole("heading", { level: 1, name: "CS34 Manage customer service operations" })).toBeVisible();
  const criterion = page.locator("#c-assessment-1-2");
  await expect(criterion).toContainText("1.2");
  await expect(criterion).toContainText("Assessment criterion");
  await expect(criterion).toContainText(
    "assess the suitability of a range of methods to monitor customer service operations",
  );
  await expect(criterion).toContainText("at least 3 of these 9");
  await expect(criterion.getByRole("list", { name: "Range items" }).getByRole("listitem")).toHaveCount(9);
  await expect(page.getByRole("heading", { name: "Evidence may be supplied by" }).first()).toBeVisible();
  await expect(page.getByRole("table", { name: /Versions of CS34/ })).toBeVisible();
  await page.screenshot({ path: "test-results/standards-cs34.png", fullPage: true });
});

test("searching finds criteria by words in any case, and by reference", async ({ page, visit }) => {
  await visit("/standards");
  await page.getByLabel("Search criteria").fill("Contingencies");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\?q=Contingencies$/);
  const results = page.getByRole("region", { name: "Find a criterion" });
  await expect(results).toContainText(/\d+ criteria match “Contingencies”/);
  const unitHeadings = results.getByRole("heading", { level: 3 });
  expect(await unitHeadings.count()).toBeGreaterThanOrEqual(3);
  await expect(unitHeadings.filter({ hasText: "CS34" })).toBeVisible();
  await expect(unitHeadings.filter({ hasText: "INSCS042" })).toBeVisible();
  await results.getByRole("link", { name: "2.3 in CS34" }).click();
  await expect(page).toHaveURL(/\/standards\/CS34#c-assessment-2-3$/);
  await expect(page.locator("#c-assessment-2-3")).toContainText("Develop contingencies that address identified risks");

  await visit("/standards?q=1.2");
  const byRef = page.getByRole("region", { name: "Find a criterion" });
  await expect(byRef.getByRole("link", { name: "1.2 in CS34" })).toBeVisible();
  await expect(byRef.getByRole("link", { name: "1.2 in CU782" })).toBeVisible();

  await visit("/standards?q=zebra+contingencies");
  await expect(
    page.getByText("No criteria match “zebra contingencies”; try fewer words or a reference like 1.2."),
  ).toBeVisible();
});

test("search results are paginated", async ({ page, visit }) => {
  await visit("/standards?q=customer");
  const pages = page.getByRole("navigation", { name: "Search result pages" });
  await expect(pages).toContainText(/Page 1 of \d+/);
  await pages.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/\?q=customer&page=2$/);
  await expect(page.getByRole("navigation", { name: "Search result pages" })).toContainText(/Page 2 of \d+/);
});

test("CU782 shows its evidence requirements and checks in words", async ({ page, visit }) => {
  await visit("/standards/CU782");
  const requirements = page.getByRole("region", { name: "Evidence requirements" });
  await expect(requirements.getByText("Simulation not allowed")).toBeVisible();
  await expect(requirements.getByText("Real work only")).toBeVisible();
  await expect(requirements.getByText("Assessor confirms a sufficient period")).toBeVisible();
  await expect(requirements.getByText("Each item must be evidenced").first()).toBeVisible();
  await expect(requirements).toContainText("front-line staff");
});

test("an unknown unit or version is not found", async ({ page }) => {
  expect((await page.goto("/standards/CS34?version=99"))?.status()).toBe(404);
  const response = await page.goto("/standards/NOPE");
  expect(response?.status()).toBe(404);
  // A notFound() raised while rendering a dynamic page is served as Next's bare error shell and
  // the not-found page is drawn once the client starts (vercel/next.js#62228), so wait for it.
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
});
