import { expect, expectAccessible, test } from "./fixtures";
import { demoPassword, signIn, signOut, findCriteria, addEvidence } from "./helpers";

// One criterion through a whole round trip, in the real UI: Cara maps new evidence to CS34 1.5
// claiming one source of information, submits it; her assessor Asha refers the mapping back with
// feedback (the unit asks for at least two sources); Cara reads the feedback, revises the
// description and the range items, and submits again; Asha accepts it and signs 1.5 as met with
// her password; Cara sees 1.5 met, with who signed it and when, and both rounds of the review
// in the history on her evidence page. Along the way they talk in the comments: Asha asks a
// question on the review page, Cara reads it on her evidence page and replies, Asha reads the reply.
//
// The e2e database is shared by every spec. CS34 1.5 is touched by no other spec, and the flow
// ends with nothing of this evidence waiting in Asha's queue, so assessment.spec.ts (which this
// file runs before: "-" sorts before ".") still finds the queue empty and CS34 1.2 undecided.

const sources = {
  sales: "sales figures",
  complaints: "returns/complaints figures",
  targets: "achievement of targets, KPIs etc",
};

test("an assessor refers a mapping back with feedback, the candidate revises and resubmits, the assessor accepts and signs the criterion", async ({
  page,
  visit,
}) => {
  // Four sign-ins and some twenty pages, each checked with axe: longer than the default 30 s.
  test.setTimeout(180_000);
  // Unique per run, so the rows and notifications found below are this run's.
  const title = `Performance data review ${Date.now().toString(36)}`;
  const feedback =
    "You evaluated only the sales figures. The unit asks for at least two sources: add how you used the complaints figures.";
  const revisedDescription =
    "I compared our weekly sales figures with the returns and complaints figures to see where customers were let down.";
  const question = "Which weeks of sales figures did you look at? Say so in the description.";
  const reply = "The four weeks of January.\nI will add the complaints figures for the same weeks.";
  const dateTime = /\d{1,2} \w{3,4} \d{4}, \d{2}:\d{2}/;

  // --- Cara maps new evidence to CS34 1.5, claiming one source, and submits it.
  await signIn(page, "candidate@northgate.example");
  const { path: evidencePath } = await addEvidence(page, visit, {
    title: title,
    method: "Reflective account",
    date: "2026-02-02",
    description: "I reviewed our weekly sales figures to judge how well the team served customers.",
  });

  await findCriteria(page, "CS34 1.5");
  const criterion = page.getByRole("group", {
    name: /^1\.5 evaluate sources of information on customer performance data/,
  });
  await expect(criterion).toContainText("at least 2 of these 3");
  await criterion.getByLabel(sources.sales, { exact: true }).check();
  await criterion.getByRole("button", { name: /^Map to / }).click();
  await expect(page.getByRole("status").filter({ hasText: "Mapped to CS34 1.5." })).toBeVisible();
  const mapped = page.getByRole("region", { name: "Criteria this evidence is mapped to" });
  await expect(mapped).toContainText("1 of 3 items claimed");

  const submit = page.getByRole("region", { name: "Submit for assessment" });
  await submit
    .getByLabel("I confirm this evidence is my own work, from real work activities, and is true and accurate")
    .check();
  await submit.getByRole("button", { name: "Submit for assessment" }).click();
  await expect(page.getByText(/Submitted for assessment on .*, with the declaration/)).toBeVisible();
  await expect(mapped).toContainText("Submitted");
  await signOut(page);

  // --- Asha finds it in her queue and refers the mapping back with feedback.
  await signIn(page, "assessor@northgate.example");
  await visit("/assessor/queue");
  const queueRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: title }) });
  await expect(queueRow).toHaveCount(1);
  await expect(queueRow).toContainText("Cara Jones");
  await expect(queueRow).toContainText("CS34");
  await expect(queueRow).not.toContainText("Resubmitted");
  await queueRow.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(/\/assessor\/review\/[^/?#]+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Evidence from Cara Jones · round 1")).toBeVisible();
  const reviewPath = new URL(page.url()).pathname;
  await visit(reviewPath);

  const panel = page.getByRole("article", {
    name: /^1\.5 evaluate sources of information on customer performance data/,
  });
  await expect(panel).toContainText("the candidate claims 1 of 3 (the unit asks for at least 2 of these 3)");
  await expect(panel).toContainText("Not reviewed yet.");

  // A question for Cara in the comments, in round 1.
  const comments = page.getByRole("region", { name: "Comments", exact: true });
  await expect(comments).toContainText("No comments yet.");
  await comments.getByLabel("Add a comment").fill(question);
  await comments.getByRole("button", { name: "Add comment" }).click();
  await expect(page).toHaveURL(new RegExp(`${reviewPath}\\?done=comment#comments$`));
  await expect(
    page.getByRole("status").filter({ hasText: "Your comment has been added and the others have been told." }),
  ).toBeVisible();
  await expect(comments.getByRole("heading", { level: 3, name: "Round 1" })).toBeVisible();
  const askedOnReview = comments.getByRole("listitem").filter({ hasText: question });
  await expect(askedOnReview).toHaveCount(1);
  await expect(askedOnReview).toContainText(/^Asha Patel \(assessor\) · /);
  await expect(comments.getByLabel("Add a comment")).toHaveValue("");
  await expectAccessible(page);

  const referBack = panel.getByRole("form", { name: "Refer back for 1.5" });
  await referBack.getByLabel("Feedback: what should the candidate change or add?").fill(feedback);
  await referBack.getByRole("button", { name: "Refer back 1.5" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "it has been returned to the candidate to revise and submit again" }),
  ).toBeVisible();
  await expect(panel).toContainText("Referred back");
  await expect(panel).toContainText(/Round 1: Referred back by Asha Patel on /);
  await expect(panel).toContainText(`Why it was referred back: ${feedback}`);
  await expect(panel.getByRole("button", { name: "Refer back 1.5" })).toHaveCount(0);
  await expectAccessible(page);

  // Nothing of it waits for review any more.
  await visit("/assessor/queue");
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  await signOut(page);

  // --- Cara is told, reads the feedback, revises and resubmits.
  await signIn(page, "candidate@northgate.example");
  await visit("/notifications");
  const referredNotice = page
    .getByRole("listitem")
    .filter({ hasText: `Your assessor referred back “${title}” for CS34 1.5.` });
  await expect(referredNotice).toHaveCount(1);
  await expect(referredNotice.getByRole("heading", { name: "Evidence referred back for CS34 1.5" })).toBeVisible();
  await expect(referredNotice).toContainText(`Their feedback: ${feedback}`);
  await expect(referredNotice).toContainText("revise it and submit it again");
  await referredNotice.getByRole("link", { name: "Evidence referred back for CS34 1.5" }).click();
  await expect(page).toHaveURL(new RegExp(`${evidencePath}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectAccessible(page);

  await expect(mapped).toContainText("Referred back");
  await expect(mapped.getByText("Why it was referred back", { exact: true })).toBeVisible();
  await expect(mapped).toContainText(feedback);
  // The evidence says it came back from the assessor, not that it was never submitted.
  await expect(page.getByText("Not yet submitted for assessment.")).toHaveCount(0);
  await expect(page.getByText("Draft (not submitted)")).toHaveCount(0);
  await expect(page.getByText("Referred back. Mappings: 1 referred back", { exact: true })).toBeVisible();
  await expect(
    mapped.getByText(
      /^Referred back by Asha Patel on \d{1,2} \w{3,4} \d{4}, \d{2}:\d{2}: revise the evidence or its mappings, then resubmit\.$/,
    ),
  ).toBeVisible();
  // The review so far, in the history.
  const history = page.getByRole("region", { name: "Review history" });
  const history15 = history
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3, name: /^CS34 1\.5 evaluate sources of information/ }) });
  await expect(history15.getByRole("listitem")).toHaveCount(1);
  await expect(history15).toContainText(/Round 1: Referred back by Asha Patel on /);
  await expect(history15).toContainText(`Why it was referred back: ${feedback}`);
  // Submitting again is a resubmission, in round 2.
  await expect(submit).toContainText("This is a resubmission (round 2).");
  await expect(submit.getByRole("button", { name: "Resubmit for assessment (round 2)" })).toBeVisible();

  // Asha's question is in her notifications, and leads to the comments on the evidence page.
  await visit("/notifications");
  const questionNotice = page.getByRole("listitem").filter({ hasText: `Asha Patel wrote: ${question}` });
  await expect(questionNotice).toHaveCount(1);
  await questionNotice.getByRole("link", { name: `New comment on “${title}”` }).click();
  await expect(page).toHaveURL(new RegExp(`${evidencePath}#comments$`));
  await expect(comments.getByRole("heading", { level: 3, name: "Round 1" })).toBeVisible();
  const asked = comments.getByRole("listitem").filter({ hasText: question });
  await expect(asked).toHaveCount(1);
  await expect(asked).toContainText(/^Asha Patel \(assessor\) · /);
  await expect(asked).toContainText(dateTime);
  const askedAt = Date.parse((await asked.locator("time").getAttribute("datetime")) ?? "");
  expect(askedAt).toBeLessThanOrEqual(Date.now());
  expect(askedAt).toBeGreaterThan(Date.now() - 10 * 60_000);
  await expectAccessible(page);

  // A reply the server refuses (over 5,000 characters, past the field's own limit) is kept, with the reason.
  const replyBox = comments.getByLabel("Add a comment");
  await expect(replyBox).toHaveAttribute("maxlength", "5000");
  await expect(replyBox).toHaveAccessibleDescription(
    "Your assessor and your internal quality assurer see it and are told about it.",
  );
  await replyBox.evaluate((box) => box.removeAttribute("maxlength"));
  const tooLong = `${reply} ${"x".repeat(5000)}`;
  await replyBox.fill(tooLong);
  await comments.getByRole("button", { name: "Add comment" }).click();
  const problem = comments.getByRole("alert");
  await expect(problem).toContainText("Keep your comment to 5,000 characters or fewer.");
  await expect(problem).toBeFocused();
  await expect(replyBox).toHaveValue(tooLong);
  await expect(replyBox).toHaveAttribute("aria-invalid", "true");
  await expect(comments.getByRole("listitem")).toHaveCount(1);
  await expectAccessible(page);

  // Cara replies; the evidence is back with her, so the reply is in round 2.
  await replyBox.fill(reply);
  await comments.getByRole("button", { name: "Add comment" }).click();
  await expect(page).toHaveURL(new RegExp(`${evidencePath}\\?saved=comment#comments$`));
  await expect(page.getByRole("status").filter({ hasText: "Your comment has been added" })).toBeVisible();
  await expect(comments.getByRole("heading", { level: 3, name: "Round 2" })).toBeVisible();
  const replied = comments.getByRole("listitem").filter({ hasText: "The four weeks of January." });
  await expect(replied).toContainText(/^Cara Jones \(candidate\) · /);
  // Line breaks are kept.
  expect(await replied.getByText("The four weeks of January.").innerText()).toBe(reply);
  await expect(comments.getByRole("listitem")).toHaveCount(2);
  await expect(comments.getByRole("listitem").first()).toContainText(question);
  await expect(comments.getByRole("alert")).toHaveCount(0);
  await expectAccessible(page);

  // The gap view says the same.
  await mapped.getByRole("link", { name: "Your progress on CS34" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "CS34 Manage customer service operations" })).toBeVisible();
  const gapPath = new URL(page.url()).pathname;
  await visit(gapPath);
  const entry = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3, name: "1.5", exact: true }) });
  await expect(entry).toContainText("Referred back");
  await expect(entry).toContainText(`Why it was referred back: ${feedback}`);
  await expect(entry.getByRole("link", { name: `Review history (1 review) of “${title}”` })).toHaveAttribute(
    "href",
    `${evidencePath}#review-history`,
  );
  // A referred-back claim no longer counts towards the rule.
  await expect(entry).toContainText("Your evidence: 0 of at least 2 covered.");
  await expect(entry).toContainText(`${sources.sales} (covered by referred back evidence)`);

  // Returned evidence is the candidate's to change again: the description...
  await visit(evidencePath);
  await page.getByRole("link", { name: "Change the details" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Change “${title}”` })).toBeVisible();
  await page.getByLabel("Description", { exact: true }).fill(revisedDescription);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\?saved=updated$/);
  await expect(page.getByRole("status").filter({ hasText: "Your changes were saved." })).toBeVisible();
  await expect(page.getByRole("region", { name: "Description" })).toContainText(revisedDescription);

  // ...and the range items of the referred mapping, which makes it a proposal again.
  await mapped.locator("summary", { hasText: "Change range items" }).click();
  const rangeItems = mapped.getByRole("group", { name: "Range items this evidence covers for CS34 1.5" });
  await expect(rangeItems.getByLabel(sources.sales, { exact: true })).toBeChecked();
  await rangeItems.getByLabel(sources.complaints, { exact: true }).check();
  await mapped.getByRole("button", { name: "Save range items" }).click();
  await expect(mapped.getByRole("status").filter({ hasText: "Saved: 2 range items claimed." })).toBeVisible();
  await expect(mapped).toContainText("Proposed");
  await expect(mapped.getByText("Why it was referred back last time", { exact: true })).toBeVisible();
  await expect(mapped).toContainText("2 of 3 items claimed");
  await expectAccessible(page);

  await submit
    .getByLabel("I confirm this evidence is my own work, from real work activities, and is true and accurate")
    .check();
  await submit.getByRole("button", { name: "Resubmit for assessment (round 2)" }).click();
  await expect(page.getByText(/Submitted for assessment on .*, with the declaration/)).toBeVisible();
  await expect(mapped).toContainText("Submitted");
  // The feedback of the first round stays with the mapping while it waits.
  await expect(mapped).toContainText(feedback);
  await signOut(page);

  // --- Asha reads Cara's reply, sees the second round, with the first still on record, and accepts.
  await signIn(page, "assessor@northgate.example");
  await visit("/notifications");
  const replyNotice = page.getByRole("listitem").filter({ hasText: "Cara Jones wrote: The four weeks of January." });
  await expect(replyNotice).toHaveCount(1);
  await replyNotice.getByRole("link", { name: `New comment on “${title}”` }).click();
  await expect(page).toHaveURL(new RegExp(`${reviewPath}#comments$`));
  await expect(comments.getByRole("heading", { level: 3, name: "Round 2" })).toBeVisible();
  const replyOnReview = comments.getByRole("listitem").filter({ hasText: "The four weeks of January." });
  await expect(replyOnReview).toContainText(/^Cara Jones \(candidate\) · /);
  await expect(replyOnReview).toContainText("I will add the complaints figures for the same weeks.");
  await expect(comments.getByRole("listitem").first()).toContainText(/^Asha Patel \(assessor\) · /);
  await expectAccessible(page);

  await visit("/assessor/queue");
  await expect(queueRow).toHaveCount(1);
  await expect(queueRow).toContainText("Resubmitted (round 2)");
  await queueRow.getByRole("link", { name: title }).click();
  await expect(page.getByText("Evidence from Cara Jones · round 2")).toBeVisible();
  await expect(page.getByRole("region", { name: "Details" })).toContainText(revisedDescription);
  await expect(panel).toContainText("the candidate claims 2 of 3 (the unit asks for at least 2 of these 3)");
  await expect(panel).toContainText(/Round 1: Referred back by Asha Patel on /);
  await expect(panel).toContainText(`Why it was referred back: ${feedback}`);
  await expectAccessible(page);

  const accept = panel.getByRole("form", { name: "Accept for 1.5" });
  await expect(accept.getByLabel(sources.sales, { exact: true })).toBeChecked();
  await expect(accept.getByLabel(sources.complaints, { exact: true })).toBeChecked();
  await expect(accept.getByLabel(sources.targets, { exact: true })).not.toBeChecked();
  await accept.getByLabel("Comment for the candidate (optional)").fill("Two sources, compared well.");
  await accept.getByRole("button", { name: "Accept for 1.5" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Mapping accepted. The candidate has been told." }),
  ).toBeVisible();
  await expect(panel).toContainText("Accepted");
  await expect(panel).toContainText(/Round 2: Accepted by Asha Patel on /);
  await expect(panel).toContainText("Assessor's comment on acceptance: Two sources, compared well.");
  await expect(panel).toContainText(`Range items accepted: ${sources.sales}; ${sources.complaints}`);
  // Both rounds stay in the history.
  await expect(panel).toContainText(/Round 1: Referred back by Asha Patel on /);
  await expect(panel).toContainText(`Why it was referred back: ${feedback}`);

  // --- Asha signs 1.5 as met on the assessment record, with her password.
  await page.getByRole("link", { name: "Open the assessment record for CS34" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Cara Jones: CS34 / })).toBeVisible();
  await visit(new URL(page.url()).pathname);
  const record = page.getByRole("region", {
    name: /^1\.5 evaluate sources of information on customer performance data/,
  });
  await expect(record).toContainText("2 of 3 covered by accepted evidence (the unit asks for at least 2 of these 3)");
  await expect(record).toContainText(`${sources.sales} (covered)`);
  await expect(record).toContainText(`${sources.complaints} (covered)`);
  await expect(record).toContainText(`${sources.targets} (not covered)`);
  await expect(record.getByRole("link", { name: title })).toBeVisible();
  await expect(record).toContainText("Not decided yet.");
  const overviewRow = page
    .getByRole("table", { name: "Criteria at a glance" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "1.5", exact: true }) });
  await expect(overviewRow.getByRole("cell").last()).toHaveText("Ready to sign");

  // A wrong password signs nothing.
  const decide = record.getByRole("form", { name: "Decide criterion 1.5" });
  await decide.getByLabel("Your password (to sign)").fill("not-my-password-2026");
  await decide.getByRole("button", { name: "Sign as met" }).click();
  await expect(record.getByRole("alert")).toContainText("Your password was not accepted; the decision was not signed.");
  await expect(record).toContainText("Not decided yet.");

  const signingFrom = Date.now();
  await decide.getByLabel("Your password (to sign)").fill(demoPassword);
  await decide.getByRole("button", { name: "Sign as met" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Criterion signed as met. The candidate has been told." }),
  ).toBeVisible();
  await expect(record).toContainText(/Met: signed by Asha Patel on /);
  await expect(record).not.toContainText("Not decided yet.");
  await expect(overviewRow.getByRole("cell").last()).toHaveText("Met");
  await expectAccessible(page);
  await signOut(page);

  // --- Cara sees 1.5 met, who signed it and when; the earlier round is still in her notifications.
  await signIn(page, "candidate@northgate.example");
  await visit(gapPath);
  await expect(entry).toContainText("Your assessor has signed this criterion off.");
  await expect(entry).toContainText(/Signed as met by Asha Patel on \d{1,2} \w{3,4} \d{4}, \d{2}:\d{2}\./);
  const signedAt = Date.parse((await entry.locator("time").getAttribute("datetime")) ?? "");
  expect(signedAt).toBeGreaterThanOrEqual(signingFrom - 1_000);
  expect(signedAt).toBeLessThanOrEqual(Date.now());
  await expect(entry.getByRole("link", { name: title, exact: true })).toBeVisible();
  await expect(entry).toContainText(`${title} — Accepted`);
  await expect(entry).toContainText("Assessor's comment on acceptance: Two sources, compared well.");
  await expect(entry).toContainText("2 of at least 2 covered");
  // Met criteria take no more evidence from here.
  await expect(entry.getByText("Attach existing evidence")).toHaveCount(0);

  // The round-1 referral no longer shows as the mapping's feedback, but the history keeps it.
  await entry.getByRole("link", { name: `Review history (2 reviews) of “${title}”` }).click();
  await expect(page).toHaveURL(new RegExp(`${evidencePath}#review-history$`));
  await visit(evidencePath);
  await expect(mapped).not.toContainText(feedback);
  const rounds = history15.getByRole("listitem");
  await expect(rounds).toHaveCount(2);
  await expect(rounds.first()).toContainText(
    /^Round 1: Referred back by Asha Patel on \d{1,2} \w{3,4} \d{4}, \d{2}:\d{2}/,
  );
  await expect(rounds.first()).toContainText(`Why it was referred back: ${feedback}`);
  await expect(rounds.last()).toContainText(/^Round 2: Accepted by Asha Patel on /);
  await expect(rounds.last()).toContainText(`Range items accepted: ${sources.sales}; ${sources.complaints}`);
  await expect(rounds.last()).toContainText("Assessor's comment on acceptance: Two sources, compared well.");
  const [referredAt, acceptedAt] = await Promise.all([
    rounds.first().locator("time").getAttribute("datetime"),
    rounds.last().locator("time").getAttribute("datetime"),
  ]);
  expect(Date.parse(referredAt ?? "")).toBeLessThan(Date.parse(acceptedAt ?? ""));
  expect(Date.parse(acceptedAt ?? "")).toBeLessThanOrEqual(signingFrom);

  await visit("/notifications");
  await expect(page.getByRole("heading", { name: "CS34 1.5 signed as met" })).toBeVisible();
  await expect(
    page.getByRole("listitem").filter({ hasText: `Your assessor accepted “${title}” for CS34 1.5.` }),
  ).toContainText("Two sources, compared well.");
  await expect(referredNotice).toContainText(`Their feedback: ${feedback}`);
});
