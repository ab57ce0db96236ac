import { expect, test } from "./fixtures";
import { signIn, signOut } from "./helpers";

const homes = [
  { email: "admin@northgate.example", path: /\/admin$/ },
  { email: "assessor@northgate.example", path: /\/assessor$/ },
  { email: "iqa@northgate.example", path: /\/iqa$/ },
  { email: "candidate@northgate.example", path: /\/candidate$/ },
  { email: "eqa@awarding.example", path: /\/eqa$/ },
];

for (const { email, path } of homes) {
  test(`${email} lands on their own home after signing in`, async ({ page }) => {
    await signIn(page, email);
    await expect(page).toHaveURL(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await signOut(page);
  });
}

test("a candidate opening another candidate's unit page gets the not-found page (404), not their data", async ({ page }) => {
  // Cara's CS34 enrolment, found through her own home.
  await signIn(page, "candidate@northgate.example");
  const href = await page.getByRole("link", { name: /^CS34 / }).first().getAttribute("href");
  expect(href).toMatch(/^\/candidate\/units\//);
  await signOut(page);

  await signIn(page, "candidate2@northgate.example");
  // Someone else's enrolment answers exactly as a missing one (app/not-found.tsx): a 404 that
  // does not say which of the two it is.
  const response = await page.goto(href ?? "/");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByText("This page does not exist, or you do not have access to it.", { exact: false })).toBeVisible();
  await expect(page.getByText("Cara Jones")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /Manage customer service operations/ })).toHaveCount(0);
});
