import fs from "node:fs";
import { expect, expectAccessible, test } from "./fixtures";
import { demoPassword, signIn, signOut } from "./helpers";

// A unit's Open Badge from end to end, in the real UI: Asha signs off a CS34 enrolment whose
// criteria are all met and whose candidate has declared (demo data made for this spec and touched
// by no other); the candidate finds the credential, downloads the signed .jwt and opens its public
// page; signed out, the verification page finds it valid, pasted and uploaded. Asha revokes the
// sign-off; the same file is then reported revoked, and so is the public page. The spec leaves the
// enrolment as it found it but for the sign-off history: active, every criterion met.

/** The demo candidate whose CS34 is ready to sign off (lib/demo: all criteria met, declared, not signed off). */
const candidate = { email: "candidate5@northgate.example", name: "Gina Hart" };
const unit = "CS34 Manage customer service operations";

test("a signed-off unit gives the candidate a credential that verifies, and revoking the sign-off revokes it", async ({
  page,
  visit,
}) => {
  // Three sign-ins and a dozen pages, each checked with axe.
  test.setTimeout(180_000);

  // --- Asha signs the unit off.
  await signIn(page, "assessor@northgate.example");
  await visit("/assessor/queue");
  await page.getByRole("link", { name: `${candidate.name}, CS34` }).click();
  await expect(page).toHaveURL(/\/assessor\/enrolments\/[^/?#]+$/);
  const recordPath = new URL(page.url()).pathname;
  await expectAccessible(page);
  const signOff = page.getByRole("region", { name: "Unit sign-off" });
  await expect(signOff).toContainText("Every criterion is met, every evidence requirement is confirmed");
  await signOff.getByLabel("Your password (to sign)").fill(demoPassword);
  await signOff.getByRole("button", { name: "Sign off CS34" }).click();
  await expect(page).toHaveURL(/\?done=signedOff#sign-off$/);
  await expect(signOff).toContainText("Signed off by Asha Patel");
  await expectAccessible(page);
  await signOut(page);

  // --- The candidate finds the credential from the unit's page, and downloads it.
  await signIn(page, candidate.email);
  await visit("/candidate");
  await page.getByRole("link", { name: unit }).click();
  await expect(page.getByRole("heading", { level: 1, name: unit })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: /^Your credential for this unit \(Open Badge\)/ }).click();
  await expect(page).toHaveURL(/\/candidate\/credentials#credential-[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "My credentials" })).toBeVisible();
  await expectAccessible(page);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: unit }) });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText("Issued by Northgate Training Centre on");
  await expect(card).toContainText("Valid");
  const downloading = page.waitForEvent("download");
  await card.getByRole("link", { name: `Download the signed credential (.jwt) of ${unit}` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^credential-[0-9a-f-]{36}\.jwt$/);
  const jwtFile = await download.path();
  const jwt = fs.readFileSync(jwtFile, "utf8");
  expect(jwt).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
  const publicPath = await card.getByRole("link", { name: `Public page of ${unit}` }).getAttribute("href");
  expect(publicPath).toMatch(/^\/credentials\/[0-9a-f-]{36}$/);
  await signOut(page);

  // --- Anyone, signed out: the public page, then the verification page, pasted and uploaded.
  await visit(publicPath ?? "");
  await expect(page.getByRole("heading", { level: 1, name: unit })).toBeVisible();
  await expect(
    page.getByText(`An Open Badge awarded to ${candidate.name} by Northgate Training Centre.`),
  ).toBeVisible();
  const status = page.getByRole("region", { name: "Status" });
  await expect(status).toContainText("Result: Valid");
  await expect(page.getByText(candidate.email)).toHaveCount(0);

  const verify = async (how: "paste" | "upload") => {
    await visit("/verify");
    await expect(page.getByRole("heading", { level: 1, name: "Verify a credential" })).toBeVisible();
    if (how === "paste") await page.getByLabel("Credential", { exact: true }).fill(jwt);
    else await page.getByLabel("Or choose the credential file").setInputFiles(jwtFile);
    await page.getByRole("button", { name: "Verify" }).click();
    const answer = page.getByRole("status", { name: "What the check found" });
    await expect(answer).toBeVisible();
    await expectAccessible(page);
    return answer;
  };
  const valid = await verify("paste");
  await expect(valid).toContainText("Result: Valid");
  await expect(valid).toContainText(`The credential says: “${unit}”, issued by Northgate Training Centre`);
  await expect(await verify("upload")).toContainText("Result: Valid");

  // A changed credential is caught.
  await visit("/verify");
  const [header, payload, signature] = jwt.split(".") as [string, string, string];
  const edited = Buffer.from(payload, "base64url").toString("utf8").replace("CS34 Manage", "CS35 Manage");
  await page
    .getByLabel("Credential", { exact: true })
    .fill(`${header}.${Buffer.from(edited).toString("base64url")}.${signature}`);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("status", { name: "What the check found" })).toContainText(
    "Result: Tampered: changed after it was signed",
  );
  await expectAccessible(page);

  // --- Asha revokes the sign-off: the same credential is now revoked.
  await signIn(page, "assessor@northgate.example");
  await visit(recordPath);
  await signOff.locator("summary", { hasText: "Revoke the unit sign-off" }).click();
  await signOff.getByLabel("Reason for revoking").fill("Sampling found the 2.3 witness statement unsigned.");
  await signOff.getByLabel("Your password (to revoke)").fill(demoPassword);
  await signOff.getByRole("button", { name: "Revoke the unit sign-off" }).click();
  await expect(page).toHaveURL(/\?done=signOffRevoked/);
  await expect(signOff.getByRole("button", { name: "Sign off CS34" })).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  const revoked = await verify("paste");
  await expect(revoked).toContainText("Result: Revoked");
  await expect(revoked).toContainText("Its issuer has revoked it");
  await visit(publicPath ?? "");
  await expect(page.getByRole("region", { name: "Status" })).toContainText("Result: Revoked");
});
