import { expect, expectAccessible, test } from "./fixtures";
import { addEvidence, findCriteria, signIn, signOut } from "./helpers";

// Map once, claim everywhere (issue #18): Cleo Hart, enrolled on CS5 and CU782 with Asha Patel
// as assessor of both (lib/demo), maps new evidence to the CS5 outcome CS5/O1; its twin in
// CU782 (1.1, the same requirement) is offered ticked in the same form, and one "Map" claims
// both. Asha sees the two claims together on the review page and accepts each on its own.
// Then Cleo maps simulated evidence the same way: CU782 refuses it in its own words, and the
// CS5 mapping stands.
//
// The e2e database is shared by every spec: the first evidence ends with both claims accepted
// and the second is never submitted, so nothing of this spec waits in Asha's queue.

const candidate = "candidate3@northgate.example";
const o1Name = /^CS5\/O1 You analyse customer expectations and define the service offer/;
const o1Article = /^CS5\/O1 You analyse customer expectations/;
const cu11Article = /^1\.1 Analyse customer expectations/;
const cu11Offer = /^CU782 1\.1 Analyse customer expectations/;
const simulatedLabel = "This evidence comes from a simulation or role-play, not real work";

test("a candidate claims a CS5 outcome and its CU782 twin in one step, the assessor accepts each on its own, and CU782 refuses simulated evidence while CS5 keeps it", async ({
  page,
  visit,
}) => {
  // Three sign-ins and a dozen pages, each checked with axe.
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  const title = `Service offer from the customer survey ${stamp}`;
  const rolePlay = `Role-play: defining a service offer ${stamp}`;

  // --- Cleo maps new evidence to CS5/O1, and its CU782 twin comes ticked in the same form.
  await signIn(page, candidate);
  const { path: evidencePath } = await addEvidence(page, visit, {
    title,
    method: "Product of work",
    date: "2026-02-10",
    description: "The customer expectations survey I ran, and the service offer I wrote from its results.",
  });
  await findCriteria(page, "CS5 O1");
  const o1 = page.getByRole("group", { name: o1Name });
  const offers = o1.getByRole("group", { name: "Claim it in your other units too" });
  const twin = offers.getByRole("checkbox", { name: cu11Offer });
  await expect(twin).toBeChecked();
  await expect(twin).toHaveAccessibleDescription("Same requirement.");
  await expectAccessible(page);

  await o1.getByRole("button", { name: "Map to CS5 CS5/O1" }).click();
  const mappedBoth = o1.getByRole("status");
  await expect(mappedBoth).toContainText("Mapped to CS5 CS5/O1.");
  await expect(mappedBoth).toContainText("Mapped to CU782 1.1.");
  await expect(mappedBoth).toBeFocused();
  await expect(o1.getByRole("alert")).toHaveCount(0);
  const mapped = page.getByRole("region", { name: "Criteria this evidence is mapped to" });
  await expect(mapped.getByRole("region", { name: /^CS5 Plan, organise and control/ })).toContainText("Proposed");
  await expect(mapped.getByRole("region", { name: /^CU782 Plan, Organise and Control/ })).toContainText("Proposed");
  await expectAccessible(page);

  const submit = page.getByRole("region", { name: "Submit for assessment" });
  await submit
    .getByLabel("I confirm this evidence is my own work, from real work activities, and is true and accurate")
    .check();
  await submit.getByRole("button", { name: "Submit for assessment" }).click();
  await expect(page.getByText(/Submitted for assessment on .*, with the declaration/)).toBeVisible();
  await signOut(page);

  // --- Asha sees both claims together, and accepts each on its own.
  await signIn(page, "assessor@northgate.example");
  await visit("/assessor/queue");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title }) });
  await expect(row).toContainText("Cleo Hart");
  await row.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const reviewPath = new URL(page.url()).pathname;
  await visit(reviewPath);

  const together = page.getByRole("region", { name: "Claimed in more than one unit" });
  await expect(together).toContainText(
    "Each unit is judged on its own: accepting or referring back a claim in one unit decides nothing in another.",
  );
  await expect(together.getByRole("listitem")).toHaveCount(1);
  await expect(together.getByRole("listitem")).toContainText("CS5 CS5/O1 (Submitted) and CU782 1.1 (Submitted)");
  await expect(together.getByRole("listitem")).toContainText("Same requirement");

  const cs5Panel = page.getByRole("article", { name: o1Article });
  const cu782Panel = page.getByRole("article", { name: cu11Article });
  await expect(cs5Panel).toContainText("CU782 1.1 (same requirement): Submitted");
  await cs5Panel.getByRole("button", { name: "Accept for CS5/O1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mapping accepted." })).toBeVisible();
  await expect(cs5Panel).toContainText("Accepted");
  // Accepting CS5/O1 decided nothing in CU782: its claim still waits, with its own controls.
  await expect(cu782Panel).toContainText("Submitted");
  await expect(cu782Panel).toContainText("CS5 CS5/O1 (same requirement): Accepted");
  await expect(cu782Panel.getByRole("button", { name: "Accept for 1.1" })).toBeVisible();
  await expect(cu782Panel.getByRole("button", { name: "Refer back 1.1" })).toBeVisible();
  await expectAccessible(page);

  await cu782Panel.getByRole("button", { name: "Accept for 1.1" }).click();
  await expect(cu782Panel.getByRole("button", { name: "Accept for 1.1" })).toHaveCount(0);
  await expect(together.getByRole("listitem")).toContainText("CS5 CS5/O1 (Accepted) and CU782 1.1 (Accepted)");
  await expectAccessible(page);
  await signOut(page);

  // --- Cleo maps simulated evidence to CS5/O1 and its twin: CU782 refuses it, CS5 keeps it.
  await signIn(page, candidate);
  await visit(evidencePath);
  await expect(
    page.getByRole("region", { name: "Criteria this evidence is mapped to" }).getByRole("region", { name: /^CU782 / }),
  ).toContainText("Accepted");

  await visit("/candidate/evidence/new");
  await page.getByLabel("Title", { exact: true }).fill(rolePlay);
  await page.getByLabel("Method", { exact: true }).selectOption({ label: "Product of work" });
  await page.getByLabel("Date of the activity", { exact: true }).fill("2026-02-11");
  await page
    .getByLabel("Description", { exact: true })
    .fill("A role-play with my team leader: we defined a service offer for an imagined customer group.");
  await page.getByLabel(simulatedLabel).check();
  await page.getByRole("button", { name: "Save evidence" }).click();
  await expect(page).toHaveURL(/\/candidate\/evidence\/[^/?]+\?saved=created$/);
  await expect(page.getByRole("heading", { level: 1, name: rolePlay })).toBeVisible();
  await expectAccessible(page);

  await findCriteria(page, "CS5 O1");
  const o1Again = page.getByRole("group", { name: o1Name });
  const twinAgain = o1Again.getByRole("checkbox", { name: cu11Offer });
  await expect(twinAgain).toBeChecked();
  await o1Again.getByRole("button", { name: "Map to CS5 CS5/O1" }).click();

  const refused = o1Again.getByRole("alert");
  await expect(refused).toContainText("Not done in one unit; the others are mapped:");
  await expect(refused).toContainText(
    "CU782 refused the claim on 1.1: This evidence is marked as simulated, and CU782 does not accept simulated evidence.",
  );
  await expect(refused).toContainText("Simulation is not allowed for any performance evidence within this Unit.");
  await expect(refused).toBeFocused();
  await expect(o1Again.getByRole("status")).toContainText("Mapped to CS5 CS5/O1.");
  // The form keeps what was ticked.
  await expect(twinAgain).toBeChecked();

  const mappedAgain = page.getByRole("region", { name: "Criteria this evidence is mapped to" });
  await expect(mappedAgain.getByRole("region", { name: /^CS5 Plan, organise and control/ })).toContainText("Proposed");
  await expect(mappedAgain.getByRole("region", { name: /^CU782 / })).toHaveCount(0);
  await expectAccessible(page);
});
