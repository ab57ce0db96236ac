import { beforeAll, describe, expect, it } from "vitest";
import { addComment } from "@/lib/assessment/add-comment";
import { getCommentThread } from "@/lib/assessment/comment-thread";
import { getEvidenceReview } from "@/lib/assessment/get-review";
import type { SessionActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/authz/policy";
import { seedDemo } from "@/lib/demo/seed";
import { AppError } from "@/lib/errors";
import { importStandards } from "@/lib/standards/import";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// The comments on an evidence item as both sides read them (docs/decisions/0005): Cara's
// evidence on CS34, assessed by Asha with Iris as IQA. The thread Cara reads on her evidence page
// is the one on Asha's review page, every round of it; Cara can reply and Asha and Iris are told,
// with a link to the review page. Another candidate, an assessor of someone else, and anyone from
// another centre can neither read the thread nor add to it.

const state = useMigratedDb();

type Who = "cara" | "dev" | "asha" | "ben" | "iris" | "nadia" | "rhys" | "raj" | "rosa";
const people = {} as Record<Who, SessionActor>;
const ids = { centre: "", cs34: "" };
const at = (time: string) => new Date(`2026-03-0${time}Z`);

/** Cara's evidence, submitted and mapped to CS34 1.1, waiting for Asha. */
async function submittedEvidence(title: string) {
  const criterion = await state.db.criterion.findFirstOrThrow({
    where: { unitVersion: { enrolments: { some: { id: ids.cs34 } } }, ref: "1.1" },
    select: { id: true },
  });
  return state.db.evidence.create({
    data: {
      centreId: ids.centre,
      candidateId: people.cara.userId,
      title,
      method: "observation",
      activityDate: new Date("2026-02-20T00:00:00Z"),
      description: "I ran the team briefing.",
      submittedAt: at("1T09:00:00"),
      declaration: "I confirm this evidence is my own work",
      mappings: { create: { enrolmentId: ids.cs34, criterionId: criterion.id, status: "SUBMITTED" } },
    },
  });
}

const writes = async () => ({
  comments: await state.db.comment.count(),
  notifications: await state.db.notification.count(),
  audit: await state.db.auditEvent.count(),
});

beforeAll(async () => {
  const report = await importStandards(state.db);
  expect(report.errors).toEqual([]);
  await seedDemo(state.db);
  const emails: Record<Who, string> = {
    cara: "candidate@northgate.example",
    dev: "candidate2@northgate.example",
    asha: "assessor@northgate.example",
    ben: "assessor2@northgate.example",
    iris: "iqa@northgate.example",
    nadia: "admin@northgate.example",
    rhys: "candidate@riverside.example",
    raj: "assessor@riverside.example",
    rosa: "admin@riverside.example",
  };
  for (const [who, email] of Object.entries(emails) as [Who, string][])
    people[who] = await actorByEmail(state.db, email);
  ids.centre = (await state.db.centre.findUniqueOrThrow({ where: { slug: "northgate" } })).id;
  ids.cs34 = (
    await state.db.enrolment.findFirstOrThrow({
      where: { candidateId: people.cara.userId, unitVersion: { unit: { code: "CS34" } } },
    })
  ).id;
}, 120_000);

describe("the comments on an evidence item", () => {
  it("are the owner's to read and add to, every round, oldest first, the same thread as on the review page", async () => {
    const item = await submittedEvidence("Team briefing");
    expect(await getCommentThread(state.db, people.cara, item.id)).toEqual({
      evidenceId: item.id,
      timeZone: "Europe/London",
      comments: [],
      canComment: true,
    });

    await addComment(
      state.db,
      people.asha,
      { evidenceId: item.id, body: "Who attended the briefing?" },
      at("2T10:00:00"),
    );
    // Referred back and resubmitted: the next comments are in round 2.
    await state.db.evidence.update({ where: { id: item.id }, data: { round: 2 } });
    await addComment(
      state.db,
      people.cara,
      { evidenceId: item.id, body: "The whole early shift.\nI have added the sign-in sheet." },
      at("3T09:30:00"),
    );
    await addComment(
      state.db,
      people.iris,
      { evidenceId: item.id, body: "Sampled: the sheet is clear." },
      at("3T11:00:00"),
    );

    const thread = await getCommentThread(state.db, people.cara, item.id);
    expect(thread.canComment).toBe(true);
    expect(thread.comments.map((c) => [c.round, c.authorName, c.authorRole, c.body, c.createdAt])).toEqual([
      [1, "Asha Patel", "Assessor", "Who attended the briefing?", at("2T10:00:00")],
      [2, "Cara Jones", "Candidate", "The whole early shift.\nI have added the sign-in sheet.", at("3T09:30:00")],
      [2, "Iris Quinn", "Internal quality assurer", "Sampled: the sheet is clear.", at("3T11:00:00")],
    ]);

    // The assessor's review page reads the very same thread.
    const review = await getEvidenceReview(state.db, people.asha, item.id);
    expect(review.thread).toEqual({ ...thread, canComment: true });
    expect((await getEvidenceReview(state.db, people.iris, item.id)).thread.canComment).toBe(true);
    // A centre admin may read the evidence, and so the thread, but not join in.
    const admins = await getCommentThread(state.db, people.nadia, item.id);
    expect(admins.comments).toEqual(thread.comments);
    expect(admins.canComment).toBe(false);
    expect(
      await rejection(addComment(state.db, people.nadia, { evidenceId: item.id, body: "Admin here" })),
    ).toBeInstanceOf(ForbiddenError);
  });

  it("tells the assessor and the IQA of the candidate's comment, with a link to the review page, and the candidate of theirs, with a link to her page", async () => {
    const item = await submittedEvidence("Complaint handled");
    await addComment(
      state.db,
      people.cara,
      { evidenceId: item.id, body: "I have added the customer's letter." },
      at("4T09:00:00"),
    );
    const told = await state.db.notification.findMany({
      where: { kind: "comment.added", link: { contains: item.id } },
    });
    expect(told.map((n) => n.userId).sort()).toEqual([people.asha.userId, people.iris.userId].sort());
    for (const n of told) {
      expect(n).toMatchObject({
        title: "New comment on “Complaint handled”",
        body: "Cara Jones wrote: I have added the customer's letter.",
        link: `/assessor/review/${item.id}#comments`,
        readAt: null,
      });
    }

    await addComment(state.db, people.asha, { evidenceId: item.id, body: "Thanks, that covers it." }, at("4T10:00:00"));
    const caras = await state.db.notification.findMany({
      where: { userId: people.cara.userId, kind: "comment.added", link: { contains: item.id } },
    });
    expect(caras.map((n) => [n.body, n.link])).toEqual([
      ["Asha Patel wrote: Thanks, that covers it.", `/candidate/evidence/${item.id}#comments`],
    ]);
    expect(
      await state.db.auditEvent.count({
        where: { action: "comment.add", actorId: people.cara.userId, centreId: ids.centre },
      }),
    ).toBeGreaterThan(0);
  });

  it("refuses what the candidate may not write, keeping nothing, and keeps line breaks as typed", async () => {
    const item = await submittedEvidence("Rota change");
    const before = await writes();
    const blank = await rejection(addComment(state.db, people.cara, { evidenceId: item.id, body: "   " }));
    expect((blank as AppError).userMessage).toBe("Write your comment.");
    const long = await rejection(addComment(state.db, people.cara, { evidenceId: item.id, body: "x".repeat(5001) }));
    expect((long as AppError).userMessage).toBe("Keep your comment to 5,000 characters or fewer.");
    await addComment(state.db, people.cara, { evidenceId: item.id, body: "y".repeat(5000) });
    expect((await writes()).comments).toBe(before.comments + 1);
    // A browser sends a textarea's line breaks as CRLF but counts each as one character against
    // its maxlength: 5,000 characters with line breaks (5,001 as sent) are kept, with the breaks as "\n".
    const lines = `${"z".repeat(2497)}\r\n${"z".repeat(2497)}\r\nend`;
    const added = await addComment(state.db, people.cara, { evidenceId: item.id, body: lines });
    expect((await state.db.comment.findUniqueOrThrow({ where: { id: added.id } })).body).toBe(
      lines.replaceAll("\r\n", "\n"),
    );
  });

  it("is neither shown nor open to another candidate, an assessor of someone else, or anyone from another centre", async () => {
    const item = await submittedEvidence("Private");
    await addComment(state.db, people.asha, { evidenceId: item.id, body: "Only for Cara." });
    const before = await writes();
    for (const who of ["dev", "ben", "rhys", "raj", "rosa"] as const) {
      expect(await rejection(getCommentThread(state.db, people[who], item.id)), who).toBeInstanceOf(ForbiddenError);
      expect(await rejection(getEvidenceReview(state.db, people[who], item.id)), who).toBeInstanceOf(ForbiddenError);
      expect(
        await rejection(addComment(state.db, people[who], { evidenceId: item.id, body: `From ${who}` })),
        who,
      ).toBeInstanceOf(ForbiddenError);
    }
    expect(await writes()).toEqual(before);

    const missing = await rejection(getCommentThread(state.db, people.cara, "no-such-evidence"));
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).not.toBeInstanceOf(ForbiddenError);
  });
});
