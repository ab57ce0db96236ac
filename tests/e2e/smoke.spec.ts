import { expect, test } from "./fixtures";

test("the home page renders and links to sign-in", async ({ page, visit }) => {
  await visit("/");
  await expect(page.getByRole("heading", { level: 1, name: "Competence evidence portfolio" })).toBeVisible();
  await page.screenshot({ path: "test-results/home.png", fullPage: true });
  await page.getByRole("banner").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.screenshot({ path: "test-results/login.png", fullPage: true });
});

test("an unknown address shows the friendly 404", async ({ page, visit }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await visit("/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the health check reports a current database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ db: "ok", migrations: "current" });
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(response.headers()["content-security-policy"]).not.toContain("unsafe-eval");
});
