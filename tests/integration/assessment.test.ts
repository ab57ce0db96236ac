import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { addComment } from "@/lib/assessment/add-comment";
import { confirmRequirement } from "@/lib/assessment/confirm-requirement";
import { decideCriterion, verifyDecisionSignature } from "@/lib/assessment/decide-criterion";
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadCount,
} from "@/lib/assessment/notifications";
import { listQueue, queueCount } from "@/lib/assessment/queue";
import { recordCandidateDeclaration } from "@/lib/assessment/record-candidate-declaration";
import { reviewMapping } from "@/lib/assessment/review-mapping";
import { revoke } from "@/lib/assessment/revoke";
import { isEnrolmentLocked, signOffUnit } from "@/lib/assessment/sign-off-unit";
import { loadActor, type SessionActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/authz/policy";
import { seedDemo, demoPassword } from "@/lib/demo/seed";
import { AppError } from "@/lib/errors";
import { importStandards } from "@/lib/standards/import";
import { useMigratedDb } from "../helpers/test-db";

// The assessor's workflow against a real database: reviewing mappings, the conversation,
// signed criterion decisions with the range rule, requirement confirmations, the candidate's
// declaration, unit sign-off, revocation, the queue and notifications. Data: the five
// standards and the demo people, then evidence and mappings written directly with Prisma.

const state = useMigratedDb();
const day = 86_400_000;

const ids = { centre: "", cara: "", dev: "", cs34: "", cu782: "", devEnrolment: "" };
const actors: Record<string, SessionActor> = {};

async function actorOf(email: string): Promise<SessionActor> {
  const user = await state.db.user.findUniqueOrThrow({ where: { email } });
  const loaded = await loadActor(state.db, user.id);
  if (!loaded) throw new Error(`cannot load ${email}`);
  return loaded;
}

function as(key: "cara" | "asha" | "ben" | "iris" | "nadia" | "dev"): SessionActor {
  const found = actors[key];
  if (!found) throw new Error(`no actor ${key}`);
  return found;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the operation to be refused, but it succeeded");
}

async function refusalMessage(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).userMessage;
}

let evidenceCount = 0;
async function evidence(
  options: {
    candidateId?: string;
    submittedDaysAgo?: number | null;
    simulated?: boolean;
    files?: number;
    title?: string;
  } = {},
) {
  evidenceCount++;
  const daysAgo = options.submittedDaysAgo === undefined ? 1 : options.submittedDaysAgo;
  return state.db.evidence.create({
    data: {
      centreId: ids.centre,
      candidateId: options.candidateId ?? ids.cara,
      title: options.title ?? `Evidence ${evidenceCount}`,
      method: "observation",
      activityDate: new Date(Date.now() - 10 * day),
      description: "What I did at work.",
      simulated: options.simulated ?? false,
      submittedAt: daysAgo === null ? null : new Date(Date.now() - daysAgo * day),
      declaration: daysAgo === null ? null : "I confirm this evidence is my own work",
      files: {
        create: Array.from({ length: options.files ?? 1 }, (_, i) => ({
          storageKey: crypto.randomUUID(),
          originalName: `file-${evidenceCount}-${i}.pdf`,
          size: BigInt(1000 + i),
          sha256: crypto.createHash("sha256").update(`file ${evidenceCount} ${i}`).digest("hex"),
          mimeType: "application/pdf",
        })),
      },
    },
  });
}

async function criterionOf(enrolmentId: string, ref: string) {
  const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
  return state.db.criterion.findFirstOrThrow({
    where: { unitVersionId: enrolment.unitVersionId, ref },
    include: { rangeItems: { orderBy: { position: "asc" } } },
  });
}

/** A mapping written directly, claiming the range items at the given positions (0-based). */
async function mapping(
  evidenceId: string,
  enrolmentId: string,
  ref: string,
  status: "PROPOSED" | "SUBMITTED" | "ACCEPTED" | "REJECTED",
  items: number[] = [],
) {
  const criterion = await criterionOf(enrolmentId, ref);
  return state.db.mapping.create({
    data: {
      evidenceId,
      enrolmentId,
      criterionId: criterion.id,
      status,
      rangeItems: {
        create: items.map((i) => {
          const item = criterion.rangeItems[i];
          if (!item) throw new Error(`${ref} has no range item ${i}`);
          return { rangeItemId: item.id };
        }),
      },
    },
  });
}

async function decide(
  actor: SessionActor,
  enrolmentId: string,
  ref: string,
  outcome: "MET" | "NOT_YET_MET" = "MET",
  password = demoPassword,
) {
  const criterion = await criterionOf(enrolmentId, ref);
  return decideCriterion(state.db, actor, { enrolmentId, criterionId: criterion.id, outcome, password });
}

/** Row counts of everything the assessment operations write. */
async function counts() {
  const db = state.db;
  const [decisions, reviews, comments, confirmations, signOffs, notifications, audit, mappings] = await Promise.all([
    db.decision.findMany({ select: { id: true, currentSlot: true } }),
    db.mappingReview.count(),
    db.comment.count(),
    db.requirementConfirmation.count(),
    db.unitSignOff.findMany({ select: { id: true, currentSlot: true } }),
    db.notification.count(),
    db.auditEvent.count(),
    db.mapping.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }),
  ]);
  return { decisions, reviews, comments, confirmations, signOffs, notifications, audit, mappings };
}

beforeAll(async () => {
  const db = state.db;
  const report = await importStandards(db);
  expect(report.errors).toEqual([]);
  await seedDemo(db);
  for (const [key, email] of [
    ["cara", "candidate@northgate.example"],
    ["dev", "candidate2@northgate.example"],
    ["asha", "assessor@northgate.example"],
    ["ben", "assessor2@northgate.example"],
    ["iris", "iqa@northgate.example"],
    ["nadia", "admin@northgate.example"],
  ] as const) {
    actors[key] = await actorOf(email);
  }
  ids.cara = as("cara").userId;
  ids.dev = as("dev").userId;
  ids.centre = (await db.centre.findUniqueOrThrow({ where: { slug: "northgate" } })).id;
  const enrolment = (candidateId: string, code: string) =>
    db.enrolment.findFirstOrThrow({ where: { candidateId, unitVersion: { unit: { code } } } });
  ids.cs34 = (await enrolment(ids.cara, "CS34")).id;
  ids.cu782 = (await enrolment(ids.cara, "CU782")).id;
  ids.devEnrolment = (await enrolment(ids.dev, "INSCS042")).id;
}, 120_000);

describe("the assessor's queue", () => {
  it("lists evidence waiting for review in the actor's enrolments, oldest first, and nobody else's", async () => {
    const newer = await evidence({ submittedDaysAgo: 2, title: "Team rota" });
    await mapping(newer.id, ids.cs34, "1.3", "SUBMITTED");
    const older = await evidence({ submittedDaysAgo: 9, title: "Complaint log" });
    await mapping(older.id, ids.cs34, "1.4", "SUBMITTED");
    await mapping(older.id, ids.cu782, "1.1", "SUBMITTED");
    const notSubmitted = await evidence({ submittedDaysAgo: null, title: "Draft" });
    await mapping(notSubmitted.id, ids.cs34, "1.6", "PROPOSED");
    const devs = await evidence({ candidateId: ids.dev, submittedDaysAgo: 30, title: "Dev's evidence" });
    await mapping(
      devs.id,
      ids.devEnrolment,
      (
        await state.db.criterion.findFirstOrThrow({
          where: {
            unitVersionId: (await state.db.enrolment.findUniqueOrThrow({ where: { id: ids.devEnrolment } }))
              .unitVersionId,
          },
        })
      ).ref,
      "SUBMITTED",
    );

    const queue = await listQueue(state.db, as("asha"));
    expect(queue.items.map((i) => i.title)).toEqual(["Complaint log", "Team rota"]);
    expect(queue.total).toBe(2);
    expect(queue.items[0]).toMatchObject({
      candidate: { name: "Cara Jones" },
      units: ["CS34", "CU782"],
      waitingMappings: 2,
      waited: "9 days",
    });
    expect(queue.items[1]?.waited).toBe("2 days");
    expect(queue.filterOptions.units).toEqual(["CS34", "CU782"]);
    expect(await queueCount(state.db, as("asha"))).toBe(2);

    const cu782Only = await listQueue(state.db, as("asha"), { unitCode: "CU782" });
    expect(cu782Only.items.map((i) => i.title)).toEqual(["Complaint log"]);
    expect(cu782Only.items[0]?.units).toEqual(["CU782"]);
    expect((await listQueue(state.db, as("asha"), { candidateId: ids.dev })).total).toBe(0);

    const bens = await listQueue(state.db, as("ben"));
    expect(bens.items.map((i) => i.title)).toEqual(["Dev's evidence"]);
    expect(await queueCount(state.db, as("iris"))).toBe(0);

    // Clear them so later tests start with an empty queue.
    await state.db.mapping.updateMany({
      where: { evidenceId: { in: [newer.id, older.id, devs.id] } },
      data: { status: "PROPOSED" },
    });
    expect(await queueCount(state.db, as("asha"))).toBe(0);
  });
});

describe("reviewing mappings", () => {
  it("accepts with adjusted range items, refuses items of another criterion, and notifies the candidate", async () => {
    const item = await evidence({ title: "Monitoring report" });
    const claimed = await mapping(item.id, ids.cs34, "1.2", "SUBMITTED", [0, 1, 2, 3]);
    const other = await criterionOf(ids.cs34, "1.5");
    const wrong = await rejection(
      reviewMapping(state.db, as("asha"), {
        mappingId: claimed.id,
        decision: "accept",
        rangeItemIds: [other.rangeItems[0]?.id ?? ""],
      }),
    );
    expect((wrong as AppError).userMessage).toContain("not part of criterion 1.2");

    const c12 = await criterionOf(ids.cs34, "1.2");
    const keep = [c12.rangeItems[0]?.id ?? "", c12.rangeItems[1]?.id ?? ""];
    const notificationsBefore = await state.db.notification.count({ where: { userId: ids.cara } });
    const reviewed = await reviewMapping(state.db, as("asha"), {
      mappingId: claimed.id,
      decision: "accept",
      rangeItemIds: keep,
      feedback: "Good use of the log.",
    });
    expect(reviewed).toMatchObject({ status: "ACCEPTED", round: 1, returnedToCandidate: false });
    const stored = await state.db.mapping.findUniqueOrThrow({
      where: { id: claimed.id },
      include: { rangeItems: true, reviews: true },
    });
    expect(stored.status).toBe("ACCEPTED");
    expect(stored.reviewedById).toBe(as("asha").userId);
    expect(stored.rangeItems.map((r) => r.rangeItemId).sort()).toEqual([...keep].sort());
    expect(stored.reviews).toHaveLength(1);
    expect(stored.reviews[0]).toMatchObject({ round: 1, status: "ACCEPTED", feedback: "Good use of the log." });
    expect(await state.db.notification.count({ where: { userId: ids.cara } })).toBe(notificationsBefore + 1);
    const note = await state.db.notification.findFirstOrThrow({
      where: { userId: ids.cara, kind: "mapping.reviewed" },
      orderBy: { createdAt: "desc" },
    });
    expect(note.title).toBe("Evidence accepted for CS34 1.2");

    const again = await refusalMessage(
      reviewMapping(state.db, as("asha"), { mappingId: claimed.id, decision: "reject", feedback: "Changed my mind" }),
    );
    expect(again).toContain("already been accepted");
  });

  it("rejecting needs feedback, returns the evidence when nothing is left to review, and keeps every round", async () => {
    const item = await evidence({ title: "Customer survey" });
    const first = await mapping(item.id, ids.cs34, "2.1", "SUBMITTED");
    const second = await mapping(item.id, ids.cs34, "2.2", "SUBMITTED");

    const noFeedback = await rejection(
      reviewMapping(state.db, as("asha"), { mappingId: first.id, decision: "reject", feedback: "   " }),
    );
    expect((noFeedback as AppError).userMessage).toBe("Write feedback saying what the candidate should change or add.");
    const tooLong = await refusalMessage(
      reviewMapping(state.db, as("asha"), { mappingId: first.id, decision: "reject", feedback: "x".repeat(5001) }),
    );
    expect(tooLong).toContain("5,000 characters");

    await reviewMapping(state.db, as("asha"), {
      mappingId: first.id,
      decision: "reject",
      feedback: "Say which method you used.",
    });
    // One mapping is still waiting, so the evidence stays with the assessor.
    expect((await state.db.evidence.findUniqueOrThrow({ where: { id: item.id } })).submittedAt).not.toBeNull();
    const last = await reviewMapping(state.db, as("asha"), { mappingId: second.id, decision: "accept" });
    expect(last.returnedToCandidate).toBe(true);
    const returned = await state.db.evidence.findUniqueOrThrow({ where: { id: item.id } });
    expect(returned.submittedAt).toBeNull();
    expect(returned.round).toBe(2);
    const note = await state.db.notification.findFirstOrThrow({
      where: { userId: ids.cara, kind: "mapping.reviewed" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    expect(note.body).toContain("returned to you");

    await addComment(state.db, as("cara"), { evidenceId: item.id, body: "I used observation; I will add the notes." });

    // The candidate resubmits (as submit-evidence does) and it is referred again: both rounds stay.
    await state.db.mapping.update({ where: { id: first.id }, data: { status: "SUBMITTED" } });
    await state.db.evidence.update({ where: { id: item.id }, data: { submittedAt: new Date() } });
    await reviewMapping(state.db, as("asha"), {
      mappingId: first.id,
      decision: "reject",
      feedback: "Still missing the notes.",
    });
    const reviews = await state.db.mappingReview.findMany({
      where: { mappingId: first.id },
      orderBy: { round: "asc" },
    });
    expect(reviews.map((r) => [r.round, r.status, r.feedback])).toEqual([
      [1, "REJECTED", "Say which method you used."],
      [2, "REJECTED", "Still missing the notes."],
    ]);
    expect((await state.db.evidence.findUniqueOrThrow({ where: { id: item.id } })).round).toBe(3);
    const comments = await state.db.comment.findMany({ where: { evidenceId: item.id } });
    expect(comments.map((c) => c.round)).toEqual([2]);
  });
});

describe("the conversation on evidence", () => {
  it("lets the candidate, their assessor and the IQA comment, notifies the others, and refuses anyone else", async () => {
    const item = await evidence({ title: "Handover notes" });
    await mapping(item.id, ids.cs34, "2.3", "SUBMITTED");
    const before = await state.db.notification.count({ where: { userId: ids.cara } });
    await addComment(state.db, as("asha"), { evidenceId: item.id, body: "Can you add the date of the meeting?" });
    expect(await state.db.notification.count({ where: { userId: ids.cara } })).toBe(before + 1);
    expect(
      await state.db.notification.count({ where: { userId: as("iris").userId, kind: "comment.added" } }),
    ).toBeGreaterThan(0);
    await addComment(state.db, as("cara"), { evidenceId: item.id, body: "Added." });
    await addComment(state.db, as("iris"), { evidenceId: item.id, body: "Sampled: fine." });
    expect(await state.db.comment.count({ where: { evidenceId: item.id } })).toBe(3);

    expect(
      await rejection(addComment(state.db, as("nadia"), { evidenceId: item.id, body: "Admin here" })),
    ).toBeInstanceOf(ForbiddenError);
    expect(await rejection(addComment(state.db, as("dev"), { evidenceId: item.id, body: "Hi" }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await refusalMessage(addComment(state.db, as("asha"), { evidenceId: item.id, body: "  " }))).toBe(
      "Write your comment.",
    );
  });
});

describe("signing a criterion", () => {
  it("refuses 'met' for CS34 1.2 until at least 3 of its 9 range items are covered by accepted evidence", async () => {
    // The earlier test accepted 1.2 with two range items.
    const message = await refusalMessage(decide(as("asha"), ids.cs34, "1.2"));
    expect(message).toBe("1.2 needs at least 3 of its 9 range items covered by accepted evidence; 2 are.");
    expect(await state.db.decision.count({ where: { enrolmentId: ids.cs34 } })).toBe(0);

    // A proposed or submitted mapping does not count; only accepted ones do.
    const pending = await evidence();
    await mapping(pending.id, ids.cs34, "1.2", "SUBMITTED", [4, 5]);
    expect(await refusalMessage(decide(as("asha"), ids.cs34, "1.2"))).toContain("; 2 are.");

    const more = await evidence();
    const third = await mapping(more.id, ids.cs34, "1.2", "SUBMITTED", [1, 2]);
    await reviewMapping(state.db, as("asha"), { mappingId: third.id, decision: "accept" });
    const decision = await decide(as("asha"), ids.cs34, "1.2");
    expect(decision).toMatchObject({ outcome: "MET", evidenceCount: 2 });

    const stored = await state.db.decision.findUniqueOrThrow({ where: { id: decision.id } });
    expect(stored).toMatchObject({ signedById: as("asha").userId, currentSlot: "current", outcome: "MET" });
    const snapshot = stored.evidenceSnapshot as Array<{ evidenceId: string; files: { id: string; sha256: string }[] }>;
    expect(snapshot.map((e) => e.evidenceId)).toContain(more.id);
    const moreFiles = await state.db.evidenceFile.findMany({ where: { evidenceId: more.id } });
    expect(snapshot.find((e) => e.evidenceId === more.id)?.files).toEqual(
      moreFiles.map((f) => ({ id: f.id, sha256: f.sha256 })),
    );
    expect(
      await state.db.auditEvent.count({
        where: { entityType: "Decision", entityId: decision.id, action: "decision.sign" },
      }),
    ).toBe(1);
    const note = await state.db.notification.findFirstOrThrow({
      where: { userId: ids.cara, kind: "decision.made" },
      orderBy: { createdAt: "desc" },
    });
    expect(note.title).toBe("CS34 1.2 signed as met");
  });

  it("needs at least 2 covered range items for CS34 1.5", async () => {
    const one = await evidence();
    await mapping(one.id, ids.cs34, "1.5", "ACCEPTED", [0]);
    expect(await refusalMessage(decide(as("asha"), ids.cs34, "1.5"))).toBe(
      "1.5 needs at least 2 of its 3 range items covered by accepted evidence; 1 is.",
    );
    const two = await evidence();
    await mapping(two.id, ids.cs34, "1.5", "ACCEPTED", [0, 2]);
    expect((await decide(as("asha"), ids.cs34, "1.5")).outcome).toBe("MET");
  });

  it("needs just one accepted mapping for a criterion without a range rule, and 'not yet met' needs none", async () => {
    expect(await refusalMessage(decide(as("asha"), ids.cs34, "1.7"))).toContain(
      "1.7 needs at least one piece of accepted evidence",
    );
    const item = await evidence();
    await mapping(item.id, ids.cs34, "1.7", "ACCEPTED");
    expect((await decide(as("asha"), ids.cs34, "1.7")).outcome).toBe("MET");
    // 1.1 lists range items without a rule: an accepted mapping covering none of them is enough.
    const other = await evidence();
    await mapping(other.id, ids.cs34, "1.1", "ACCEPTED");
    expect((await decide(as("asha"), ids.cs34, "1.1")).outcome).toBe("MET");
    expect((await decide(as("asha"), ids.cs34, "3.2", "NOT_YET_MET")).outcome).toBe("NOT_YET_MET");
    expect(await refusalMessage(decide(as("asha"), ids.cs34, "3.2"))).toMatch(
      /^Already decided by Asha Patel at .+ \(not yet met\)\. To change it, revoke/,
    );
  });

  it("refuses a wrong password and writes nothing", async () => {
    const item = await evidence();
    await mapping(item.id, ids.cs34, "2.4", "ACCEPTED");
    const before = await counts();
    expect(await refusalMessage(decide(as("asha"), ids.cs34, "2.4", "MET", "not-my-password"))).toBe(
      "Your password was not accepted; the decision was not signed.",
    );
    expect(await counts()).toEqual(before);
  });

  it("keeps a signature that verifies until an evidence file's hash changes", async () => {
    const item = await evidence({ files: 2 });
    await mapping(item.id, ids.cs34, "2.5", "ACCEPTED");
    const decision = await decide(as("asha"), ids.cs34, "2.5");
    const check = await verifyDecisionSignature(state.db, decision.id);
    expect(check).toEqual({ valid: true, storedHash: decision.signatureHash, recomputedHash: decision.signatureHash });
    expect(decision.signatureHash).toMatch(/^[0-9a-f]{64}$/);

    const file = await state.db.evidenceFile.findFirstOrThrow({ where: { evidenceId: item.id } });
    await state.db.evidenceFile.update({ where: { id: file.id }, data: { sha256: "0".repeat(64) } });
    const tampered = await verifyDecisionSignature(state.db, decision.id);
    expect(tampered.valid).toBe(false);
    expect(tampered.storedHash).toBe(decision.signatureHash);
    expect(tampered.recomputedHash).not.toBe(decision.signatureHash);

    await state.db.evidenceFile.update({ where: { id: file.id }, data: { sha256: file.sha256 } });
    expect((await verifyDecisionSignature(state.db, decision.id)).valid).toBe(true);
  });

  it("lets exactly one of two simultaneous signatures stand", async () => {
    const item = await evidence();
    await mapping(item.id, ids.cs34, "3.1", "ACCEPTED");
    const outcomes = await Promise.allSettled([
      decide(as("asha"), ids.cs34, "3.1"),
      decide(as("asha"), ids.cs34, "3.1", "NOT_YET_MET"),
    ]);
    const fulfilled = outcomes.filter((o) => o.status === "fulfilled");
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(AppError);
    expect((rejected[0]?.reason as AppError).userMessage).toMatch(/^Already decided by Asha Patel at /);
    const criterion = await criterionOf(ids.cs34, "3.1");
    expect(await state.db.decision.count({ where: { enrolmentId: ids.cs34, criterionId: criterion.id } })).toBe(1);
    expect(
      await state.db.decision.count({
        where: { enrolmentId: ids.cs34, criterionId: criterion.id, currentSlot: "current" },
      }),
    ).toBe(1);
  });

  it("reports a unique-index refusal (a race the first check missed) as already decided, on either database", async () => {
    const item = await evidence();
    await mapping(item.id, ids.cs34, "3.4", "ACCEPTED");
    await decide(as("asha"), ids.cs34, "3.4");
    // A client whose transactions see no standing decision, as the loser of a race does: the
    // insert then meets the unique index (P2002 through the driver adapter) and must be reported.
    const stale = new Proxy(state.db, {
      get(target, prop, receiver) {
        if (prop !== "$transaction") return Reflect.get(target, prop, receiver);
        return (run: (tx: unknown) => Promise<unknown>) =>
          target.$transaction((tx) =>
            run(
              new Proxy(tx, {
                get(t, p, r) {
                  if (p !== "decision") return Reflect.get(t, p, r);
                  return new Proxy(t.decision, {
                    get: (d, q, dr) => (q === "count" ? async () => 0 : Reflect.get(d, q, dr)),
                  });
                },
              }),
            ),
          );
      },
    });
    const criterion = await criterionOf(ids.cs34, "3.4");
    const message = await refusalMessage(
      decideCriterion(stale, as("asha"), {
        enrolmentId: ids.cs34,
        criterionId: criterion.id,
        outcome: "MET",
        password: demoPassword,
      }),
    );
    expect(message).toMatch(/^Already decided by Asha Patel at .+ \(met\)\./);
    expect(await state.db.decision.count({ where: { enrolmentId: ids.cs34, criterionId: criterion.id } })).toBe(1);
  });

  it("does not let a centre admin decide", async () => {
    const item = await evidence();
    await mapping(item.id, ids.cs34, "3.3", "ACCEPTED");
    const before = await counts();
    expect(await rejection(decide(as("nadia"), ids.cs34, "3.3"))).toBeInstanceOf(ForbiddenError);
    expect(await counts()).toEqual(before);
  });
});

describe("unit sign-off (CU782: checkable evidence requirements)", () => {
  async function requirement(ref: string) {
    const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: ids.cu782 } });
    return state.db.evidenceRequirement.findFirstOrThrow({ where: { unitVersionId: enrolment.unitVersionId, ref } });
  }
  const signOff = (actor: SessionActor, password = demoPassword) =>
    signOffUnit(state.db, actor, {
      enrolmentId: ids.cu782,
      declaration: "I confirm the evidence is valid, authentic, current and sufficient.",
      password,
    });

  let realWork = "";
  let simulated = "";

  it("is refused while anything is open, listing criteria, requirements and the declaration", async () => {
    const message = await refusalMessage(signOff(as("asha")));
    expect(message).toMatch(
      /^The unit cannot be signed off yet\. Still open: Criteria 1\.1, 1\.2, .* and 4\.10 are not signed as met\./,
    );
    expect(message).toContain("Evidence requirements 1, 3, 4, 5, 6 and 7 are not confirmed.");
    expect(message).not.toContain(" 2,");
    expect(message).toContain("The candidate has not made their declaration yet.");
    expect(await state.db.unitSignOff.count()).toBe(0);
  });

  it("confirms requirements only with the candidate's accepted evidence, never simulated where simulation is not allowed", async () => {
    realWork = (await evidence({ title: "Shift report" })).id;
    await mapping(realWork, ids.cu782, "1.1", "ACCEPTED");
    simulated = (await evidence({ title: "Role play", simulated: true })).id;
    await mapping(simulated, ids.cu782, "1.2", "ACCEPTED");
    const notAccepted = (await evidence({ title: "Pending" })).id;
    await mapping(notAccepted, ids.cu782, "1.3", "SUBMITTED");
    const devs = (await evidence({ candidateId: ids.dev, title: "Someone else's" })).id;

    const req1 = await requirement("1");
    const confirm = (requirementId: string, evidenceIds: string[], actor = as("asha")) =>
      confirmRequirement(state.db, actor, { enrolmentId: ids.cu782, requirementId, evidenceIds, note: "Seen at work" });
    expect(await refusalMessage(confirm(req1.id, [realWork, simulated]))).toBe(
      "Requirement 1 does not allow simulation, and “Role play” is marked as simulated. Untick it.",
    );
    expect(await refusalMessage(confirm(req1.id, [notAccepted]))).toContain(
      "with a mapping you have accepted in this unit",
    );
    expect(await refusalMessage(confirm(req1.id, [devs]))).toContain("Only this candidate's evidence");
    expect(await refusalMessage(confirm(req1.id, []))).toBe("Tick the evidence that shows this requirement is met.");
    await confirm(req1.id, [realWork]);
    // A requirement that says nothing of simulation accepts simulated evidence.
    await confirm((await requirement("4")).id, [realWork, simulated]);
    for (const ref of ["3", "5", "6", "7"]) await confirm((await requirement(ref)).id, [realWork]);
    const again = await confirm(req1.id, [realWork]);
    expect(again.replaced).toBe(true);
    expect(await state.db.requirementConfirmation.count({ where: { enrolmentId: ids.cu782 } })).toBe(6);
  });

  it("is allowed once every criterion is met, every checkable requirement confirmed and the candidate has declared", async () => {
    const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: ids.cu782 } });
    const criteria = await state.db.criterion.findMany({
      where: { unitVersionId: enrolment.unitVersionId },
      orderBy: { position: "asc" },
    });
    const last = criteria[criteria.length - 1];
    if (!last) throw new Error("CU782 has no criteria");
    // Decisions written directly for all but the last criterion, to keep the test short.
    await state.db.decision.createMany({
      data: criteria.slice(0, -1).map((c) => ({
        centreId: ids.centre,
        enrolmentId: ids.cu782,
        criterionId: c.id,
        outcome: "MET" as const,
        signedById: as("asha").userId,
        evidenceSnapshot: [],
        signatureHash: "direct",
      })),
    });
    const stillOpen = await refusalMessage(signOff(as("asha")));
    expect(stillOpen).toContain(`Criterion ${last.ref} is not signed as met.`);
    expect(stillOpen).not.toContain("Evidence requirement");

    await mapping(realWork, ids.cu782, last.ref, "ACCEPTED");
    await decide(as("asha"), ids.cu782, last.ref);
    expect(await refusalMessage(signOff(as("asha")))).toBe(
      "The unit cannot be signed off yet. Still open: The candidate has not made their declaration yet.",
    );

    expect(
      await refusalMessage(
        recordCandidateDeclaration(state.db, as("cara"), { enrolmentId: ids.cu782, confirmed: false }),
      ),
    ).toBe("Tick the declaration to confirm the portfolio is your own work.");
    expect(
      await rejection(recordCandidateDeclaration(state.db, as("asha"), { enrolmentId: ids.cu782, confirmed: true })),
    ).toBeInstanceOf(ForbiddenError);
    await recordCandidateDeclaration(state.db, as("cara"), { enrolmentId: ids.cu782, confirmed: true });
    expect(
      await refusalMessage(
        recordCandidateDeclaration(state.db, as("cara"), { enrolmentId: ids.cu782, confirmed: true }),
      ),
    ).toContain("already made your declaration");

    expect(await refusalMessage(signOff(as("asha"), "wrong password"))).toBe(
      "Your password was not accepted; the unit was not signed off.",
    );
    expect(
      await refusalMessage(
        signOffUnit(state.db, as("asha"), { enrolmentId: ids.cu782, declaration: " ", password: demoPassword }),
      ),
    ).toBe("Write your declaration as assessor.");
    expect(await isEnrolmentLocked(state.db, ids.cu782)).toBe(false);

    // Two sign-offs at once: exactly one.
    const outcomes = await Promise.allSettled([signOff(as("asha")), signOff(as("asha"))]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    expect((refused?.reason as AppError).userMessage).toMatch(/^This unit was already signed off by Asha Patel at /);

    const signed = await state.db.unitSignOff.findFirstOrThrow({
      where: { enrolmentId: ids.cu782, currentSlot: "current" },
    });
    expect(signed.signatureHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await state.db.enrolment.findUniqueOrThrow({ where: { id: ids.cu782 } })).status).toBe("COMPLETED");
    expect(await isEnrolmentLocked(state.db, ids.cu782)).toBe(true);
    expect(await state.db.notification.count({ where: { userId: ids.cara, kind: "unit.signedOff" } })).toBe(1);
    // The locked unit refuses further assessment work.
    expect(await refusalMessage(decide(as("asha"), ids.cu782, "1.1", "NOT_YET_MET"))).toContain("signed off");
  });

  it("reopens the unit when its sign-off is revoked, or a 'met' decision of it, keeping the history", async () => {
    const first = await state.db.unitSignOff.findFirstOrThrow({
      where: { enrolmentId: ids.cu782, currentSlot: "current" },
    });
    expect(
      await refusalMessage(
        revoke(state.db, as("iris"), { kind: "unitSignOff", id: first.id, reason: "", password: demoPassword }),
      ),
    ).toBe("Write the reason for revoking.");
    const revoked = await revoke(state.db, as("iris"), {
      kind: "unitSignOff",
      id: first.id,
      reason: "Sampling found a gap in 2.3.",
      password: demoPassword,
    });
    expect(revoked.enrolmentStatus).toBe("ACTIVE");
    const row = await state.db.unitSignOff.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({
      currentSlot: null,
      revokedById: as("iris").userId,
      revokeReason: "Sampling found a gap in 2.3.",
    });
    expect((await state.db.enrolment.findUniqueOrThrow({ where: { id: ids.cu782 } })).status).toBe("ACTIVE");
    expect(await isEnrolmentLocked(state.db, ids.cu782)).toBe(false);
    expect(await state.db.notification.count({ where: { userId: ids.cara, kind: "unit.signOffRevoked" } })).toBe(1);
    expect(
      await refusalMessage(
        revoke(state.db, as("asha"), { kind: "unitSignOff", id: first.id, reason: "Again", password: demoPassword }),
      ),
    ).toContain("already been revoked");

    await signOffUnit(state.db, as("asha"), {
      enrolmentId: ids.cu782,
      declaration: "Checked again.",
      password: demoPassword,
    });
    const criterion = await criterionOf(ids.cu782, "2.3");
    const decision = await state.db.decision.findFirstOrThrow({
      where: { enrolmentId: ids.cu782, criterionId: criterion.id, currentSlot: "current" },
    });
    const result = await revoke(state.db, as("asha"), {
      kind: "decision",
      id: decision.id,
      reason: "The witness statement is unsigned.",
      password: demoPassword,
    });
    expect(result.alsoRevokedUnitSignOffId).not.toBeNull();
    expect(result.enrolmentStatus).toBe("ACTIVE");
    expect((await state.db.enrolment.findUniqueOrThrow({ where: { id: ids.cu782 } })).status).toBe("ACTIVE");
    const signOffs = await state.db.unitSignOff.findMany({
      where: { enrolmentId: ids.cu782 },
      orderBy: { signedAt: "asc" },
    });
    expect(signOffs).toHaveLength(2);
    expect(signOffs.every((s) => s.currentSlot === null && s.revokedAt !== null)).toBe(true);
    expect(signOffs[1]?.revokeReason).toBe("Criterion 2.3 decision revoked: The witness statement is unsigned.");
    expect(await state.db.decision.findUniqueOrThrow({ where: { id: decision.id } })).toMatchObject({
      currentSlot: null,
      revokedById: as("asha").userId,
    });
    expect(await state.db.notification.count({ where: { userId: ids.cara, kind: "decision.revoked" } })).toBe(1);

    const open = await refusalMessage(
      signOffUnit(state.db, as("asha"), { enrolmentId: ids.cu782, declaration: "Again.", password: demoPassword }),
    );
    expect(open).toBe("The unit cannot be signed off yet. Still open: Criterion 2.3 is not signed as met.");
    // A new decision is a new row; the revoked one stays.
    await mapping(realWork, ids.cu782, "2.3", "ACCEPTED");
    await decide(as("asha"), ids.cu782, "2.3");
    expect(await state.db.decision.count({ where: { enrolmentId: ids.cu782, criterionId: criterion.id } })).toBe(2);
  });
});

describe("an assessor not assigned to the enrolment", () => {
  it("is refused every action and nothing is written", async () => {
    const ben = as("ben");
    const item = await evidence({ title: "Ben must not touch" });
    const submitted = await mapping(item.id, ids.cs34, "4.2", "SUBMITTED");
    const accepted = await evidence();
    await mapping(accepted.id, ids.cs34, "4.3", "ACCEPTED");
    const standing = await state.db.decision.findFirstOrThrow({
      where: { enrolmentId: ids.cs34, currentSlot: "current" },
    });
    const req = await state.db.evidenceRequirement.findFirstOrThrow({
      where: { unitVersion: { enrolments: { some: { id: ids.cu782 } } }, ref: "1" },
    });
    const c43 = await criterionOf(ids.cs34, "4.3");
    const before = await counts();

    const attempts: Array<[string, () => Promise<unknown>]> = [
      ["review", () => reviewMapping(state.db, ben, { mappingId: submitted.id, decision: "accept" })],
      ["reject", () => reviewMapping(state.db, ben, { mappingId: submitted.id, decision: "reject", feedback: "No" })],
      [
        "decide",
        () =>
          decideCriterion(state.db, ben, {
            enrolmentId: ids.cs34,
            criterionId: c43.id,
            outcome: "MET",
            password: demoPassword,
          }),
      ],
      [
        "confirm",
        () =>
          confirmRequirement(state.db, ben, {
            enrolmentId: ids.cu782,
            requirementId: req.id,
            evidenceIds: [accepted.id],
          }),
      ],
      [
        "sign off",
        () => signOffUnit(state.db, ben, { enrolmentId: ids.cs34, declaration: "Signed", password: demoPassword }),
      ],
      [
        "revoke",
        () => revoke(state.db, ben, { kind: "decision", id: standing.id, reason: "Because", password: demoPassword }),
      ],
      ["comment", () => addComment(state.db, ben, { evidenceId: item.id, body: "Hello" })],
    ];
    for (const [what, attempt] of attempts) {
      const error = await rejection(attempt());
      expect(error, what).toBeInstanceOf(ForbiddenError);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("notifications", () => {
  it("are listed, counted and marked read only for their owner", async () => {
    const cara = as("cara");
    const unread = await unreadCount(state.db, cara);
    expect(unread).toBeGreaterThan(0);
    const page = await listNotifications(state.db, cara);
    expect(page.unread).toBe(unread);
    expect(page.items.length).toBeLessThanOrEqual(20);
    const kinds = new Set(
      (await state.db.notification.findMany({ where: { userId: cara.userId }, select: { kind: true } })).map(
        (n) => n.kind,
      ),
    );
    for (const kind of [
      "mapping.reviewed",
      "decision.made",
      "decision.revoked",
      "unit.signedOff",
      "unit.signOffRevoked",
      "comment.added",
    ])
      expect(kinds).toContain(kind);

    const first = page.items[0];
    if (!first) throw new Error("no notification");
    // Someone else cannot mark Cara's notification read.
    expect((await markNotificationRead(state.db, as("asha"), { notificationId: first.id })).marked).toBe(0);
    expect(await unreadCount(state.db, cara)).toBe(unread);
    expect((await markNotificationRead(state.db, cara, { notificationId: first.id })).marked).toBe(1);
    expect(await unreadCount(state.db, cara)).toBe(unread - 1);
    await markAllNotificationsRead(state.db, cara);
    expect(await unreadCount(state.db, cara)).toBe(0);
    expect(await unreadCount(state.db, as("iris"))).toBeGreaterThan(0);
  });
});
