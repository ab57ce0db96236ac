import { expect, test } from "./fixtures";
import { signIn, signOut } from "./helpers";

// A professional discussion in the real UI: Asha records one with Cara against CS34 2.3 (agenda,
// summary), adds its recording, and marks the moment that covers 2.3; Cara opens it, plays the
// recording from that moment, and confirms the record. axe checks every page. CS34 2.3 is touched
// by no other spec.

/** A PCM WAV file of `seconds` of silence (16-bit stereo, 44.1 kHz): a real recording to play. */
function wav(seconds: number): Buffer {
  const data = 44_100 * 4 * seconds;
  const file = Buffer.alloc(44 + data);
  file.write("RIFF", 0, "latin1");
  file.writeUInt32LE(36 + data, 4);
  file.write("WAVEfmt ", 8, "latin1");
  file.writeUInt32LE(16, 16);
  file.writeUInt16LE(1, 20);
  file.writeUInt16LE(2, 22);
  file.writeUInt32LE(44_100, 24);
  file.writeUInt32LE(44_100 * 4, 28);
  file.writeUInt16LE(4, 32);
  file.writeUInt16LE(16, 34);
  file.write("data", 36, "latin1");
  file.writeUInt32LE(data, 40);
  return file;
}

test("an assessor records a professional discussion with its recording and a marked moment; the candidate plays it from there and confirms it", async ({
  page,
  visit,
}) => {
  test.setTimeout(180_000);
  const title = `Discussion on contingencies ${Date.now().toString(36)}`;

  // --- Asha records the discussion from Cara's CS34 record.
  await signIn(page, "assessor@northgate.example");
  await page.getByRole("link", { name: "Cara Jones, CS34" }).click();
  await page.getByRole("link", { name: "record a professional discussion" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record a professional discussion" })).toBeVisible();
  await visit(new URL(page.url()).pathname);
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Date of the discussion").fill("2026-02-12");
  await page.getByLabel("Start time").fill("14:00");
  await page.getByLabel("End time").fill("14:40");
  await page.getByLabel("Where or how it took place").fill("By video call");
  await page.getByLabel("Questions or agenda").fill("1. Which risks does your team plan for?\n2. What is plan B?");
  await page
    .getByLabel("Summary of the discussion")
    .fill("Cara described the contingencies for staff absence and a system failure, and how she tests them.");
  await page
    .getByRole("group", { name: "Criteria of CS34 the discussion covered" })
    .getByLabel(/^2\.3 Develop contingencies that address identified risks/)
    .check();
  await page.getByRole("button", { name: "Record the discussion" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const evidenceId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
  await expect(page.getByRole("heading", { level: 2, name: "Questions and agenda" })).toBeVisible();

  // --- The recording, then the moment that covers 2.3.
  await page.getByLabel("Add files").setInputFiles({ name: "discussion.wav", mimeType: "audio/wav", buffer: wav(3) });
  await expect(page.getByLabel("discussion.wav", { exact: true })).toBeVisible();
  const mark = page.getByRole("form", { name: "Mark a moment of the recording" });
  await mark.getByLabel("Where in the recording").fill("0:75");
  await mark
    .getByLabel("Criterion it covers")
    .selectOption({ label: "CS34 2.3 Develop contingencies that address identified risks" });
  await mark.getByRole("button", { name: "Mark this moment" }).click();
  await expect(page.getByText("Enter the time as minutes and seconds (12:30)").first()).toBeVisible();
  const again = page.getByRole("form", { name: "Mark a moment of the recording" });
  await again.getByLabel("Where in the recording").fill("0:02");
  await again
    .getByLabel("Criterion it covers")
    .selectOption({ label: "CS34 2.3 Develop contingencies that address identified risks" });
  await again.getByLabel("Note (optional)").fill("Plan B for a system failure");
  await again.getByRole("button", { name: "Mark this moment" }).click();
  await expect(page.getByText("Moment marked.")).toBeVisible();
  const moments = page.getByRole("region", { name: "Moments in the recording" });
  await expect(moments).toContainText("0:02 covers CS34 2.3: Plan B for a system failure");
  await visit(`/assessor/observations/${evidenceId}`);
  await signOut(page);

  // --- Cara plays the recording from the moment, then confirms the record.
  await signIn(page, "candidate@northgate.example");
  await visit(`/candidate/evidence/${evidenceId}`);
  await expect(
    page.getByRole("heading", { level: 2, name: "Professional discussion recorded by your assessor" }),
  ).toBeVisible();
  await expect(page.getByText("Which risks does your team plan for?")).toBeVisible();
  await page.getByRole("button", { name: "Play from 0:02 (covers CS34 2.3)" }).click();
  await expect
    .poll(() =>
      page.getByLabel("discussion.wav", { exact: true }).evaluate((audio: HTMLAudioElement) => audio.currentTime),
    )
    .toBeGreaterThanOrEqual(2);
  await page.getByLabel("This is an accurate record").check();
  await page.getByRole("button", { name: "Send your answer" }).click();
  await expect(page.getByText("Confirmed:", { exact: true })).toBeVisible();
  await signOut(page);
});
