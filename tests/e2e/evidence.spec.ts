import { expect, expectAccessible, test } from "./fixtures";
import { signIn } from "./helpers";

function utcDateFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("a candidate adds evidence: a future date is refused with the title kept, then it is saved, shown and found", async ({
  page,
  visit,
}) => {
  // Unique per run: the e2e database keeps evidence from earlier runs.
  const stamp = Date.now().toString(36);
  const title = `Calmed an upset caller ${stamp}`;

  await signIn(page, "candidate@northgate.example");
  await visit("/candidate/evidence");
  await expect(page.getByRole("heading", { level: 1, name: "Your evidence" })).toBeVisible();
  await page.getByRole("link", { name: "Add evidence", exact: true }).click();
  await expect(page).toHaveURL(/\/candidate\/evidence\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "Add evidence" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Method", { exact: true }).selectOption({ label: "Witness testimony" });
  await page.getByLabel("Date of the activity", { exact: true }).fill(utcDateFromToday(3));
  await page
    .getByLabel("Description", { exact: true })
    .fill(
      `The caller was **angry** about a missed delivery.\n\n- I listened\n- I rebooked the slot\n\n<script>window.__pwned = true</script>`,
    );
  await page.getByLabel("This evidence comes from a simulation or role-play, not real work").check();
  await page.getByRole("button", { name: "Save evidence" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "The evidence was not saved" });
  await expect(summary).toBeVisible();
  await expect(summary).toContainText("The activity date cannot be in the future.");
  const dateField = page.getByLabel("Date of the activity", { exact: true });
  await expect(dateField).toHaveAttribute("aria-invalid", "true");
  await expect(dateField).toHaveAttribute("aria-describedby", /evidence-activityDate-error/);
  await expect(page.locator("#evidence-activityDate-error")).toContainText(
    "The activity date cannot be in the future.",
  );
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("Method", { exact: true })).toHaveValue("witnessTestimony");
  await expect(page.getByLabel("Description", { exact: true })).toHaveValue(/missed delivery/);
  await expect(page).toHaveURL(/\/candidate\/evidence\/new$/);
  await expectAccessible(page);

  // The summary links to the field with the problem.
  await summary.getByRole("link", { name: /Date of the activity/ }).click();
  await expect(dateField).toBeFocused();

  const pastDate = "2025-11-20";
  await dateField.fill(pastDate);
  await page.getByRole("button", { name: "Save evidence" }).click();

  await expect(page).toHaveURL(/\/candidate\/evidence\/[^/?]+\?saved=created$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Evidence saved" })).toBeVisible();
  await expect(page.getByText("Simulation or role-play", { exact: true })).toBeVisible();
  await expect(page.getByText("20 November 2025")).toBeVisible();

  const description = page.getByRole("region", { name: "Description" });
  await expect(description.locator("strong")).toHaveText("angry");
  await expect(description.getByRole("listitem")).toHaveText(["I listened", "I rebooked the slot"]);
  // Typed HTML is shown as text, never run.
  await expect(description).toContainText("<script>window.__pwned = true</script>");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  await expectAccessible(page);
  const detailUrl = page.url().replace(/\?.*$/, "");

  // The library lists it.
  await visit("/candidate/evidence");
  const table = page.getByRole("table");
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: title }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Witness testimony");
  await expect(row).toContainText("20 November 2025");
  await expect(row).toContainText("Draft (not submitted)");

  // Filtering by its method keeps it and shows only that method.
  await page.getByLabel("Method", { exact: true }).selectOption({ label: "Witness testimony" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]method=witnessTestimony/);
  await expect(page.getByLabel("Method", { exact: true })).toHaveValue("witnessTestimony");
  const filteredRows = page
    .getByRole("table")
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader") });
  await expect(filteredRows.filter({ has: page.getByRole("rowheader", { name: title }) })).toHaveCount(1);
  for (const method of await filteredRows.locator("td:nth-child(2)").allTextContents())
    expect(method).toBe("Witness testimony");
  await expectAccessible(page);

  // Another method leaves it out.
  await visit("/candidate/evidence?method=report");
  await expect(page.getByRole("rowheader", { name: title })).toHaveCount(0);

  // The search ignores case.
  await visit(`/candidate/evidence?q=${encodeURIComponent(`UPSET CALLER ${stamp.toUpperCase()}`)}`);
  await expect(page.getByRole("rowheader", { name: title })).toBeVisible();
  await page.getByRole("rowheader", { name: title }).getByRole("link").click();
  await expect(page).toHaveURL(detailUrl);
});

test("someone acting in another role is told the library is for candidates", async ({ page, visit }) => {
  await signIn(page, "assessor@northgate.example");
  await visit("/candidate/evidence");
  await expect(page.getByRole("heading", { level: 1, name: "Evidence library" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "The evidence library is for candidates." })).toBeVisible();
});
