import { expect, expectAccessible, test } from "./fixtures";
import { demoPassword, signIn, signOut } from "./helpers";

// The assessor's pages on the demo data alone (this spec seeds nothing): an empty review queue,
// the assessment record of Cara's CS34 enrolment reached from the queue page, and "Sign as met"
// refused for 1.2 because its range rule (at least 3 of 9 items) is not covered by accepted
// evidence. Then the IQA opens the same record: no signing, only revoking and commenting.

test("an assessor sees the queue and cannot sign CS34 1.2 as met before its range is covered", async ({
  page,
  visit,
}) => {
  await signIn(page, "assessor@northgate.example");
  await visit("/assessor/queue");
  await expect(page.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  await expect(page.getByText("Nothing is waiting for your review.")).toBeVisible();

  await page.getByRole("link", { name: "Cara Jones, CS34" }).click();
  await expect(page).toHaveURL(/\/assessor\/enrolments\/[^/?#]+$/);
  await expect(page.getByRole("heading", { level: 1, name: /^Cara Jones: CS34 / })).toBeVisible();
  await expectAccessible(page);
  const recordPath = new URL(page.url()).pathname;

  const criterion = page.getByRole("region", { name: /^1\.2 / });
  await expect(criterion).toContainText("Not decided yet.");
  // Not ready to be met, so its signing form is folded away behind "Sign 1.2".
  await criterion.locator("summary", { hasText: "Sign 1.2" }).click();
  await criterion.getByLabel("Your password (to sign)").fill(demoPassword);
  await criterion.getByRole("button", { name: "Sign as met" }).click();
  await expect(criterion.getByRole("alert")).toContainText(
    /1\.2 needs at least 3 of its 9 range items covered by accepted evidence; [0-2] (is|are)\./,
  );
  await expect(criterion).toContainText("Not decided yet.");
  await expectAccessible(page);

  const signOff = page.getByRole("region", { name: "Unit sign-off" });
  await expect(signOff).toContainText("Still open");
  await expect(signOff).toContainText("The candidate has not made their declaration yet.");

  await signOut(page);
  await signIn(page, "iqa@northgate.example");
  await visit(recordPath);
  await expect(page.getByRole("heading", { level: 1, name: /^Cara Jones: CS34 / })).toBeVisible();
  await expect(
    page.getByText("you can revoke decisions and the unit sign-off with a reason, and comment on evidence"),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign as met" })).toHaveCount(0);
  await expect(page.getByLabel("Your password (to sign)")).toHaveCount(0);
});

test("another assessor is refused Cara's assessment record", async ({ page, visit }) => {
  await signIn(page, "assessor@northgate.example");
  await visit("/assessor/queue");
  await page.getByRole("link", { name: "Cara Jones, CS34" }).click();
  await expect(page).toHaveURL(/\/assessor\/enrolments\/[^/?#]+$/);
  const recordPath = new URL(page.url()).pathname;
  await signOut(page);

  await signIn(page, "assessor2@northgate.example");
  await visit(recordPath);
  // Answered as an address that names nothing, so record ids cannot be probed.
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign as met" })).toHaveCount(0);
});
