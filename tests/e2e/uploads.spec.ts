import { expect, test } from "./fixtures";
import { signIn, signOut, fillAndSaveEvidence } from "./helpers";

// A 1x1 PNG, and an executable that claims to be a PDF.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const fakePdf = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);

test("a candidate uploads a photo, sees it previewed, and nobody else can fetch it", async ({
  page,
  visit,
  request,
}) => {
  const title = `Rota photo ${Date.now().toString(36)}`;
  await signIn(page, "candidate@northgate.example");
  await visit("/candidate/evidence/new");
  await fillAndSaveEvidence(page, {
    title: title,
    method: "Product of work",
    date: "2026-10-01",
    description: "The weekly rota I planned for the team.",
  });
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // A refused type says why and leaves nothing behind.
  await page
    .getByLabel("Add files")
    .setInputFiles({ name: "report.pdf", mimeType: "application/pdf", buffer: fakePdf });
  await expect(page.getByRole("alert").filter({ hasText: "report.pdf was not uploaded" })).toBeVisible();

  // Any Unicode name is kept for display.
  await page
    .getByLabel("Add files")
    .setInputFiles({ name: "Rota – équipe 顧客.png", mimeType: "image/png", buffer: png });
  const preview = page.getByRole("img", { name: "Rota – équipe 顧客.png" });
  await expect(preview).toBeVisible();
  await visit(page.url());
  await page.screenshot({ path: "test-results/evidence-upload.png", fullPage: true });

  const src = await preview.getAttribute("src");
  expect(src).toMatch(/^\/api\/files\//);
  const own = await page.request.get(src ?? "");
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toBe("image/png");
  expect(own.headers()["x-content-type-options"]).toBe("nosniff");
  expect(Buffer.from(await own.body()).equals(png)).toBe(true);

  // Signed out: refused.
  expect((await request.get(src ?? "")).status()).toBe(401);

  // Another candidate of the same centre, and an admin of another centre: not found.
  await signOut(page);
  await signIn(page, "candidate2@northgate.example");
  expect((await page.request.get(src ?? "")).status()).toBe(404);
  await signOut(page);
  await signIn(page, "admin@riverside.example");
  expect((await page.request.get(src ?? "")).status()).toBe(404);
  await signOut(page);

  // The assigned assessor can see it.
  await signIn(page, "assessor@northgate.example");
  expect((await page.request.get(src ?? "")).status()).toBe(200);
});
