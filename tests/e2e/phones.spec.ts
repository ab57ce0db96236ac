import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn, fillAndSaveEvidence, findCriteria } from "./helpers";

// The candidate's pages on a phone, 375 px wide: each one fits the screen without scrolling
// sideways, and its main heading is in view. A screenshot of each goes to test-results/phones/
// (not committed) for a person to look at.

const phone = { width: 375, height: 812 };
test.use({ viewport: phone });

async function checkFits(page: Page, name: string, heading: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await page.screenshot({ path: `test-results/phones/${name}.png`, fullPage: true });
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    // What is wider than the screen, for the failure message.
    wider: [...document.querySelectorAll("main *")]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`.slice(0, 120)),
  }));
  expect(
    widths.page,
    `${name} scrolls sideways at ${phone.width} px; wider than the screen: ${widths.wider.join(", ")}`,
  ).toBeLessThanOrEqual(phone.width);
}

test("a candidate's home, evidence, new evidence, mapped evidence and gap view fit a 375 px phone", async ({
  page,
  visit,
}) => {
  const title = `Team huddle on monitoring customer service quality ${Date.now().toString(36)}`;
  await signIn(page, "candidate@northgate.example");

  await visit("/candidate");
  await checkFits(page, "home", "My units");

  await visit("/candidate/evidence/new");
  await checkFits(page, "new-evidence", "Add evidence");
  await fillAndSaveEvidence(page, {
    title: title,
    method: "Professional discussion",
    date: "2026-01-12",
    description: "I discussed with my assessor how well three ways of monitoring our service worked for my team.",
  });
  await expect(page).toHaveURL(/\/candidate\/evidence\/[^/?]+\?saved=created$/);

  await findCriteria(page, "CS34 1.2");
  const criterion = page.getByRole("group", { name: /^1\.2 assess the suitability of a range of methods/ });
  for (const method of [
    "listening to calls",
    "reviewing written communication",
    "getting direct feedback from customers",
  ])
    await criterion.getByLabel(method, { exact: true }).check();
  await criterion.getByRole("button", { name: /^Map to / }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mapped to CS34 1.2." })).toBeVisible();
  await visit(new URL(page.url()).pathname);
  await checkFits(page, "evidence-with-mapping", title);

  const mapped = page.getByRole("region", { name: "Criteria this evidence is mapped to" });
  await mapped.getByRole("link", { name: "Your progress on CS34" }).click();
  await expect(page).toHaveURL(/\/candidate\/units\/[^/?]+$/);
  await visit(new URL(page.url()).pathname);
  await checkFits(page, "gap-view", "CS34 Manage customer service operations");

  await visit("/candidate/evidence");
  await checkFits(page, "evidence-list", "Your evidence");
});
