import { expect, test } from "./fixtures";
import { demoPassword } from "./helpers";

// Issue 13 item 5: a crafted callbackUrl must not send the browser off-site once the password
// has been typed. `/%5C127.0.0.1:9999/x` decodes to `/\127.0.0.1:9999/x`, which starts with
// one slash but which browsers resolve as `//127.0.0.1:9999/x`, another host.
const offSite = "127.0.0.1:9999";

test("signing in with a callbackUrl that points off-site lands on the candidate's home instead", async ({
  page,
  visit,
  baseURL,
}) => {
  test.setTimeout(60_000); // axe on the sign-in page, then signing in
  const leftTheApp: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).host === offSite) leftTheApp.push(request.url());
  });

  await visit("/login?callbackUrl=/%5C127.0.0.1:9999/x");
  await page.getByLabel("Email").fill("candidate@northgate.example");
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();

  // /home sends a candidate on to /candidate, on the app's own origin.
  await expect(page).toHaveURL(new URL("/candidate", baseURL).href);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  expect(leftTheApp).toEqual([]);
});

test("a callbackUrl on the app's own origin is still followed, with its query string", async ({
  page,
  visit,
  baseURL,
}) => {
  await visit("/login?callbackUrl=%2Fcandidate%2Fevidence%3Fq%3Drota");
  await page.getByLabel("Email").fill("candidate@northgate.example");
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new URL("/candidate/evidence?q=rota", baseURL).href);
});
