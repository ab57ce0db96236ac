import { expect, test } from "./fixtures";
import { signIn, signOut } from "./helpers";

// Each home's own heading and the line that says which role it is for. A refused page has a
// heading too (components/ui/refusal.tsx, often with the same title), so "some heading" proves
// nothing: these are what only the real home shows.
const homes = [
  {
    email: "admin@northgate.example",
    path: /\/admin$/,
    heading: "Northgate Training Centre",
    proof: "Your centre at a glance.",
  },
  {
    email: "assessor@northgate.example",
    path: /\/assessor$/,
    heading: "My candidates",
    proof: "Assessor at Northgate Training Centre.",
  },
  {
    email: "iqa@northgate.example",
    path: /\/iqa$/,
    heading: "Enrolments I quality-assure",
    proof: "Internal quality assurer at Northgate Training Centre.",
  },
  {
    email: "candidate@northgate.example",
    path: /\/candidate$/,
    heading: "My units",
    proof: "Candidate at Northgate Training Centre.",
  },
  {
    email: "eqa@awarding.example",
    path: /\/eqa$/,
    heading: "Portfolios shared with me",
    proof: "External quality assurer at Northgate Training Centre.",
  },
];

for (const { email, path, heading, proof } of homes) {
  test(`${email} lands on their own home after signing in`, async ({ page }) => {
    await signIn(page, email);
    await expect(page).toHaveURL(path);
    await expect(page.getByRole("heading", { level: 1, name: heading, exact: true })).toBeVisible();
    await expect(page.getByText(proof, { exact: false })).toBeVisible();
    await expect(page.getByText("You cannot use this page")).toHaveCount(0);
    await expect(page.getByText("Not available:")).toHaveCount(0);
    await signOut(page);
  });
}

test("a candidate opening another candidate's unit page gets the not-found page (404), not their data", async ({
  page,
}) => {
  // Cara's CS34 enrolment, found through her own home.
  await signIn(page, "candidate@northgate.example");
  const href = await page
    .getByRole("link", { name: /^CS34 / })
    .first()
    .getAttribute("href");
  expect(href).toMatch(/^\/candidate\/units\//);
  await signOut(page);

  await signIn(page, "candidate2@northgate.example");
  // Someone else's enrolment answers exactly as a missing one (app/not-found.tsx): a 404 that
  // does not say which of the two it is.
  const response = await page.goto(href ?? "/");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found", exact: true })).toBeVisible();
  await expect(
    page.getByText("This page does not exist, or you do not have access to it.", { exact: false }),
  ).toBeVisible();
  await expect(page.getByText("Cara Jones")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /Manage customer service operations/ })).toHaveCount(0);
});
