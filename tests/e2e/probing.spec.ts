import type { APIResponse, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn, signOut, fillAndSaveEvidence } from "./helpers";

// Someone signed in who asks for a record they may not see, by an id in the address, gets
// exactly what a made-up id gets: the same 404 page, or the same 404 body from a route. A
// refusal for one and a 404 for the other would let anyone try ids and learn which exist.

// Each test signs in three or four times and loads a dozen pages: more than the default time.
test.describe.configure({ timeout: 120_000 });

// A 1x1 PNG.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

type NorthgateIds = { enrolmentId: string; caraId: string; evidenceId: string; fileId: string };

/** An id of the same shape (a cuid) that names nothing. */
function madeUp(id: string): string {
  return `${id.slice(0, 1)}${"0".repeat(id.length - 1)}`;
}

function lastSegment(href: string | null, prefix: string): string {
  expect(href).toMatch(new RegExp(`^${prefix}[^/?#]+$`));
  return (href ?? "").slice(prefix.length);
}

/** Real Northgate ids, read from links as Cara and her admin see them; Cara adds evidence with a file. */
async function northgateIds(page: Page): Promise<NorthgateIds> {
  await signIn(page, "candidate@northgate.example");
  const enrolmentId = lastSegment(
    await page
      .getByRole("link", { name: /^CS34 / })
      .first()
      .getAttribute("href"),
    "/candidate/units/",
  );
  await page.goto("/candidate/evidence/new");
  const title = `Rota for probing ${Date.now().toString(36)}`;
  await fillAndSaveEvidence(page, {
    title: title,
    method: "Product of work",
    date: "2026-10-01",
    description: "The weekly rota I planned for the team.",
  });
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const evidenceId = lastSegment(new URL(page.url()).pathname, "/candidate/evidence/");
  await page.getByLabel("Add files").setInputFiles({ name: "rota.png", mimeType: "image/png", buffer: png });
  const fileId = lastSegment(await page.getByRole("img", { name: "rota.png" }).getAttribute("src"), "/api/files/");
  await signOut(page);

  await signIn(page, "admin@northgate.example");
  await page.goto(`/admin/people?q=${encodeURIComponent("candidate@northgate.example")}`);
  const caraId = lastSegment(
    await page.getByRole("link", { name: "Cara Jones", exact: true }).getAttribute("href"),
    "/admin/people/",
  );
  await signOut(page);
  return { enrolmentId, caraId, evidenceId, fileId };
}

/** Status, title and visible text of a page, for comparing two answers. */
async function pageAnswer(page: Page, path: string) {
  const response = await page.goto(path);
  // The tab title as a reader sees it, once the page has hydrated.
  await page.waitForLoadState("networkidle");
  return { status: response?.status(), title: await page.title(), text: await page.getByRole("main").innerText() };
}

/** Expects `real` (another's record) and the same page for a made-up id to answer the same 404. */
async function expectSame404(page: Page, real: string, fake: string) {
  const forReal = await pageAnswer(page, real);
  expect(forReal.status, `${real} answers 404`).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByText("This page does not exist, or you do not have access to it.")).toBeVisible();
  expect(await pageAnswer(page, fake), `${real} answers as a made-up id does`).toEqual(forReal);
}

/** Status, headers (but the date and the request's own id, new for every request) and body of a route's answer. */
async function routeAnswer(response: APIResponse) {
  const { date: _date, "x-request-id": _requestId, ...headers } = response.headers();
  return { status: response.status(), headers, body: await response.text() };
}

/** The file and upload routes for `id` (a file's or evidence's) and for a made-up id answer the same 404. */
async function expectSameRoute404(page: Page, send: (id: string) => Promise<APIResponse>, id: string) {
  const forReal = await routeAnswer(await send(id));
  expect(forReal.status, `${id} answers 404`).toBe(404);
  expect(await routeAnswer(await send(madeUp(id)))).toEqual(forReal);
}

function fileRoutes(page: Page) {
  return {
    get: (id: string) => page.request.get(`/api/files/${id}`),
    head: (id: string) => page.request.head(`/api/files/${id}`),
    remove: (id: string) => page.request.delete(`/api/files/${id}`),
    upload: (id: string) =>
      page.request.post(`/api/evidence/${id}/files`, {
        headers: { "x-file-name": "rota.png", "content-type": "application/octet-stream" },
        data: png,
      }),
  };
}

test("another centre's admin gets the same 404 for Northgate's ids as for made-up ones", async ({ page, visit }) => {
  const ids = await northgateIds(page);
  await signIn(page, "admin@riverside.example");

  for (const path of [
    `/admin/enrolments/${ids.enrolmentId}`,
    `/admin/people/${ids.caraId}`,
    `/admin/progress/candidates/${ids.caraId}`,
    `/assessor/enrolments/${ids.enrolmentId}`,
    `/assessor/review/${ids.evidenceId}`,
    `/candidate/units/${ids.enrolmentId}`,
  ]) {
    const id = path.split("/").pop() ?? "";
    await expectSame404(page, path, path.replace(id, madeUp(id)));
  }
  // Not acting as a candidate: told so before any evidence is looked up, whatever the id.
  for (const path of [`/candidate/evidence/${ids.evidenceId}`, `/candidate/evidence/${ids.evidenceId}/edit`]) {
    expect(await pageAnswer(page, path.replace(ids.evidenceId, madeUp(ids.evidenceId)))).toEqual(
      await pageAnswer(page, path),
    );
  }

  const routes = fileRoutes(page);
  await expectSameRoute404(page, routes.get, ids.fileId);
  await expectSameRoute404(page, routes.head, ids.fileId);
  await expectSameRoute404(page, routes.remove, ids.fileId);
  await expectSameRoute404(page, routes.upload, ids.evidenceId);

  // The 404 page itself passes axe.
  await visit(`/admin/enrolments/${ids.enrolmentId}`);
  await signOut(page);

  // Nothing was removed or added by those requests: Cara still has her one file.
  await signIn(page, "candidate@northgate.example");
  await page.goto(`/candidate/evidence/${ids.evidenceId}`);
  await expect(page.getByRole("img", { name: "rota.png" })).toHaveCount(1);
});

test("another candidate gets the same 404 for Cara's evidence, file and unit as for made-up ones", async ({ page }) => {
  const ids = await northgateIds(page);
  await signIn(page, "candidate2@northgate.example");

  for (const path of [
    `/candidate/evidence/${ids.evidenceId}`,
    `/candidate/evidence/${ids.evidenceId}/edit`,
    `/assessor/review/${ids.evidenceId}`,
  ]) {
    await expectSame404(page, path, path.replace(ids.evidenceId, madeUp(ids.evidenceId)));
  }
  await expectSame404(page, `/candidate/units/${ids.enrolmentId}`, `/candidate/units/${madeUp(ids.enrolmentId)}`);

  const routes = fileRoutes(page);
  await expectSameRoute404(page, routes.get, ids.fileId);
  await expectSameRoute404(page, routes.remove, ids.fileId);
  await expectSameRoute404(page, routes.upload, ids.evidenceId);
});
