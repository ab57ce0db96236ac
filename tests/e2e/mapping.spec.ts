import { expect, expectAccessible, test } from "./fixtures";
import { signIn, fillAndSaveEvidence, findCriteria } from "./helpers";

const monitoringMethods = [
  "listening to calls",
  "reviewing written communication",
  "getting direct feedback from customers",
];

test("a candidate maps new evidence to CS34 1.2, sees the range covered in the gap view, and submits it", async ({
  page,
  visit,
}) => {
  // Unique per run: the database may keep evidence from earlier runs.
  const title = `Monitoring review meeting ${Date.now().toString(36)}`;

  await signIn(page, "candidate@northgate.example");
  await visit("/candidate/evidence/new");
  await fillAndSaveEvidence(page, {
    title: title,
    method: "Professional discussion",
    date: "2026-01-12",
    description: "I discussed with my assessor how well three ways of monitoring our service worked for my team.",
  });
  await expect(page).toHaveURL(/\/candidate\/evidence\/[^/?]+\?saved=created$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const evidenceUrl = page.url().replace(/\?.*$/, "");

  // Nothing mapped yet, so there is nothing to submit.
  await expect(page.getByRole("heading", { name: "Criteria this evidence is mapped to" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit for assessment" })).toHaveCount(0);

  await findCriteria(page, "CS34 1.2");
  const criterion = page.getByRole("group", {
    name: /^1\.2 assess the suitability of a range of methods to monitor customer service operations/,
  });
  await expect(criterion).toBeVisible();
  await expect(criterion).toContainText("at least 3 of these 9");
  for (const method of monitoringMethods) await criterion.getByLabel(method, { exact: true }).check();
  await expectAccessible(page);
  await criterion.getByRole("button", { name: /^Map to / }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mapped to CS34 1.2." })).toBeVisible();

  const mapped = page.getByRole("region", { name: "Criteria this evidence is mapped to" });
  await expect(mapped.getByRole("heading", { name: "CS34 Manage customer service operations" })).toBeVisible();
  await expect(mapped).toContainText(
    "assess the suitability of a range of methods to monitor customer service operations",
  );
  await expect(mapped).toContainText("Proposed");
  await expect(mapped).toContainText("3 of 9 items claimed");
  for (const method of monitoringMethods) await expect(mapped).toContainText(method);
  await expectAccessible(page);

  // The gap view counts the three items against the rule.
  await mapped.getByRole("link", { name: "Your progress on CS34" }).click();
  await expect(page).toHaveURL(/\/candidate\/units\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "CS34 Manage customer service operations" })).toBeVisible();
  const gapUrl = new URL(page.url()).pathname;
  await visit(gapUrl);
  const entry = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3, name: "1.2", exact: true }) });
  await expect(entry).toContainText("3 of at least 3 covered");
  await expect(entry).toContainText("Evidence mapped, not yet submitted");
  await expect(entry.getByRole("link", { name: title })).toHaveAttribute("href", new URL(evidenceUrl).pathname);
  await expect(page.getByRole("table", { name: /Criteria of CS34 by status/ })).toBeVisible();

  // Submit it with the declaration.
  await visit(new URL(evidenceUrl).pathname);
  const submit = page.getByRole("region", { name: "Submit for assessment" });
  await submit
    .getByLabel("I confirm this evidence is my own work, from real work activities, and is true and accurate")
    .check();
  await submit.getByRole("button", { name: "Submit for assessment" }).click();
  await expect(page.getByText(/Submitted for assessment on .*, with the declaration/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Criteria this evidence is mapped to" })).toContainText("Submitted");
  await expect(page.getByRole("button", { name: "Submit for assessment" })).toHaveCount(0);

  await visit(gapUrl);
  await expect(
    page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: "1.2", exact: true }) }),
  ).toContainText("Submitted for assessment");
});
