import type { Page } from "@playwright/test";
import { expect as baseExpect, test } from "./fixtures";
import { demoPassword, signOut, findCriteria, addEvidence } from "./helpers";

// Evidence referred back with one mapping still accepted stays locked: an assessor's decision
// rests on it. The page must say so and offer no way to change its files, and the server must
// refuse in the same words. Rhys (Riverside, CFAM&LFD3, assessed by Raj) is in no other flow
// spec, so his evidence and Raj's queue are this spec's own.

// The machines running this suite are shared and often busy: server round trips get longer.
const expect = baseExpect.configure({ timeout: 20_000 });

/** helpers.ts's signIn, with this file's patience (see `expect` above). */
async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const criteria = {
  engage: {
    ref: "1",
    search: "engage colleagues and stakeholders",
    name: /^1 engage colleagues and stakeholders in managing customer service/,
  },
  standards: {
    ref: "2",
    search: "establish measurable standards",
    name: /^2 establish measurable standards of customer service/,
  },
};

test("evidence with a mapping accepted and another referred back offers no file changes, and the server refuses them with the reason the page shows", async ({
  page,
  visit,
}) => {
  test.setTimeout(240_000);
  const title = `Service standards briefing ${Date.now().toString(36)}`;

  // --- Rhys records evidence with a file, maps it to two criteria and submits it.
  await signIn(page, "candidate@riverside.example");
  const { path: evidencePath, id: evidenceId } = await addEvidence(page, visit, {
    title: title,
    method: "Product of work",
    date: "2026-03-03",
    description: "The briefing I gave the team on our new service standards.",
  });

  await page.getByLabel("Add files").setInputFiles({ name: "briefing.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("img", { name: "briefing.png" })).toBeVisible();
  // While it is a draft, the file can be removed.
  await expect(page.getByRole("button", { name: "Remove briefing.png" })).toBeVisible();

  for (const { ref, search, name } of Object.values(criteria)) {
    await findCriteria(page, search);
    const criterion = page.getByRole("group", { name });
    // "Map", or "Map to CFAM&LFD3 1" where the button names its criterion.
    await criterion.getByRole("button", { name: /^Map( to |$)/ }).click();
    await expect(criterion.getByRole("status")).toContainText(`Mapped to CFAM&LFD3 ${ref}.`);
  }
  const submit = page.getByRole("region", { name: "Submit for assessment" });
  await submit
    .getByLabel("I confirm this evidence is my own work, from real work activities, and is true and accurate")
    .check();
  await submit.getByRole("button", { name: "Submit for assessment" }).click();
  await expect(page.getByText(/Submitted for assessment on .*, with the declaration/)).toBeVisible();
  await signOut(page);

  // --- Raj accepts criterion 1 and refers criterion 2 back.
  await signIn(page, "assessor@riverside.example");
  await visit("/assessor/queue");
  await page
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: title }) })
    .getByRole("link", { name: title })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const accept = page.getByRole("article", { name: criteria.engage.name }).getByRole("form", { name: "Accept for 1" });
  await accept.getByRole("button", { name: "Accept for 1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mapping accepted." })).toBeVisible();
  const referBack = page
    .getByRole("article", { name: criteria.standards.name })
    .getByRole("form", { name: "Refer back for 2" });
  await referBack
    .getByLabel("Feedback: what should the candidate change or add?")
    .fill("Say how you will measure the standards you set.");
  await referBack.getByRole("button", { name: "Refer back 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "it has been returned to the candidate" })).toBeVisible();
  await signOut(page);

  // --- Rhys's page: no way to change the evidence or its files, and why.
  await signIn(page, "candidate@riverside.example");
  await visit(evidencePath);
  await expect(page.getByText("Referred back. Mappings: 1 accepted, 1 referred back", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Change the details" })).toHaveCount(0);
  const files = page.getByRole("region", { name: "Files" });
  await expect(files.getByRole("img", { name: "briefing.png" })).toBeVisible();
  await expect(files.getByLabel("Add files")).toHaveCount(0);
  await expect(files.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  // It may be revised into a new version instead (tests/e2e/evidence-revision.spec.ts).
  const reason =
    "Your assessor accepted some mappings of this evidence, so this version stays exactly as they judged it: its details and files can no longer be changed. To change them for the mappings referred back, choose “Revise this evidence”: a new version is made with the same details and files, the referred mappings move to it, and the accepted ones stay here.";
  await expect(page.getByText(reason, { exact: true })).toBeVisible();

  // The server refuses both, in the same words.
  const download = await files.getByRole("link", { name: /^Download/ }).getAttribute("href");
  const fileId = decodeURIComponent(new URL(download ?? "", page.url()).pathname.split("/").pop() ?? "");
  const upload = await page.request.post(`/api/evidence/${encodeURIComponent(evidenceId)}/files`, {
    headers: { "X-File-Name": "another.png", "Content-Type": "application/octet-stream" },
    data: png,
  });
  expect(upload.status()).toBe(409);
  expect((await upload.json()).message).toBe(reason);
  const remove = await page.request.delete(`/api/files/${encodeURIComponent(fileId)}`);
  expect(remove.status()).toBe(409);
  expect((await remove.json()).message).toBe(reason);

  await visit(evidencePath);
  await expect(page.getByRole("img", { name: "briefing.png" })).toHaveCount(1);
});
