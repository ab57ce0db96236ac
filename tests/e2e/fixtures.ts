import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";

/**
 * Fails on any serious or critical axe violation on the page as it is now.
 *
 * Next streams a dynamic page's metadata after its body, so straight after a navigation the
 * <title> can be a moment behind the content a test waited for. Waiting for a non-empty title
 * first keeps axe from judging the page mid-stream; a page that never gets one still fails here.
 */
export async function expectAccessible(page: Page) {
  await expect(page, `the page at ${page.url()} has no <title>`).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    blocking.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    `axe found serious or critical violations on ${page.url()}`,
  ).toEqual([]);
}

/**
 * `page` here checks every page a test visits with axe: after each navigation the test makes
 * with `visit`, and once more at the end on whatever page the test left.
 */
export const test = base.extend<{ visit: (path: string) => Promise<void> }>({
  visit: async ({ page }, use) => {
    await use(async (path: string) => {
      await page.goto(path);
      await expectAccessible(page);
    });
    if (page.url().startsWith("http")) await expectAccessible(page);
  },
});

export { expect };
