import { beforeAll, describe, expect, it } from "vitest";
import { listQueue } from "@/lib/assessment/queue";
import { reviewMapping } from "@/lib/assessment/review-mapping";
import { hashLinkToken } from "@/lib/auth/link-token";
import type { SessionActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/authz/policy";
import { seedDemo } from "@/lib/demo/seed";
import { AppError, InputError } from "@/lib/errors";
import { deleteEvidence } from "@/lib/evidence/delete-evidence";
import { getEvidence } from "@/lib/evidence/get-evidence";
import { reviseEvidence } from "@/lib/evidence/revise-evidence";
import { updateEvidence } from "@/lib/evidence/update-evidence";
import { proposeMapping } from "@/lib/mapping/propose-mapping";
import { removeMapping } from "@/lib/mapping/remove-mapping";
import { importStandards } from "@/lib/standards/import";
import { findWitnessRequestByToken } from "@/lib/witness/find-request";
import { listWitnessRequests } from "@/lib/witness/list-requests";
import { markExpertWitness } from "@/lib/witness/mark-expert";
import { getWitnessTestimony } from "@/lib/witness/read-testimony";
import { requestTestimony } from "@/lib/witness/request-testimony";
import { revokeTestimonyRequest } from "@/lib/witness/revoke-request";
import { linkMessages, testimonyLockedMessage } from "@/lib/witness/state";
import { submitTestimony } from "@/lib/witness/submit-testimony";
import { actorByEmail, rejection } from "../helpers/actors";
import { useMigratedDb } from "../helpers/test-db";

// Witness testimony through a single-use link, on a real database: who may ask, the link's life
// (open, used once, expired, revoked, tampered: each says which and gives nothing away), the
// evidence and submitted mappings it becomes, and that nobody can change it afterwards.

const state = useMigratedDb();
const day = 86_400_000;
const baseUrl = "https://portfolio.test";
const actors: Record<"cara" | "dev" | "asha" | "ben" | "raj", SessionActor> = {} as never;
const ids = { cs34: "", cu782: "", c12: "", c15: "", cu782First: "" };

async function criterionId(enrolmentId: string, ref: string): Promise<string> {
  const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } });
  return (await state.db.criterion.findFirstOrThrow({ where: { unitVersionId: enrolment.unitVersionId, ref } })).id;
}

const witness = {
  witnessName: "Wendy O'Neill",
  witnessEmail: "Wendy.ONeill@shop.example",
  witnessJobTitle: "Store manager",
  witnessRelationship: "line manager",
};

function ask(actor: SessionActor, criteria = [{ enrolmentId: ids.cs34, criterionId: ids.c12 }], now?: Date) {
  return requestTestimony(state.db, actor, { ...witness, criteria }, { baseUrl, now });
}

function tokenOf(link: string): string {
  return link.slice(`${baseUrl}/witness/`.length);
}

const testimony = {
  observed:
    "I watched **Cara** run the weekly quality review with her team:\n\n- she listened to calls\n- she read emails",
  observedOn: "2026-01-20",
  criterionIds: [] as string[],
  statedRelationship: "I am her line manager",
  occupationalCompetence: "Store manager for 9 years; I have run customer service teams throughout.",
  signedName: "  wendy   o’neill ",
};

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  expect((await importStandards(state.db)).errors).toEqual([]);
  await seedDemo(state.db);
  actors.cara = await actorByEmail(state.db, "candidate@northgate.example");
  actors.dev = await actorByEmail(state.db, "candidate2@northgate.example");
  actors.asha = await actorByEmail(state.db, "assessor@northgate.example");
  actors.ben = await actorByEmail(state.db, "assessor2@northgate.example");
  actors.raj = await actorByEmail(state.db, "assessor@riverside.example");
  const enrolments = await state.db.enrolment.findMany({
    where: { candidateId: actors.cara.userId },
    select: { id: true, unitVersion: { select: { unit: { select: { code: true } } } } },
  });
  ids.cs34 = enrolments.find((e) => e.unitVersion.unit.code === "CS34")!.id;
  ids.cu782 = enrolments.find((e) => e.unitVersion.unit.code === "CU782")!.id;
  ids.c12 = await criterionId(ids.cs34, "1.2");
  ids.c15 = await criterionId(ids.cs34, "1.5");
  ids.cu782First = (
    await state.db.criterion.findFirstOrThrow({
      where: { unitVersion: { enrolments: { some: { id: ids.cu782 } } } },
    })
  ).id;
});

describe("asking a witness", () => {
  it("creates a request with a hashed 14-day token, mails the link to the witness and audits it", async () => {
    const now = new Date();
    const asked = await ask(
      actors.cara,
      [
        { enrolmentId: ids.cs34, criterionId: ids.c12 },
        { enrolmentId: ids.cs34, criterionId: ids.c15 },
      ],
      now,
    );
    expect(asked.link).toMatch(/^https:\/\/portfolio\.test\/witness\/[A-Za-z0-9_-]{43}$/);
    expect(asked.expiresAt.getTime() - now.getTime()).toBe(14 * day);
    const row = await state.db.witnessRequest.findUniqueOrThrow({ where: { id: asked.requestId } });
    expect(row.tokenHash).toBe(hashLinkToken(tokenOf(asked.link)));
    expect(JSON.stringify(row)).not.toContain(tokenOf(asked.link));
    expect(row).toMatchObject({
      candidateId: actors.cara.userId,
      requestedById: actors.cara.userId,
      witnessEmail: "wendy.oneill@shop.example",
    });

    const mail = await state.db.outboxMessage.findUniqueOrThrow({ where: { id: asked.outboxMessageId } });
    expect(mail.to).toBe("wendy.oneill@shop.example");
    expect(mail.centreId).toBe(row.centreId);
    expect(mail.subject).toBe("Cara Jones asks for your witness testimony");
    expect(mail.body).toContain(asked.link);
    expect(mail.body).toContain(
      "Cara Jones, a candidate at Northgate Training Centre, asks you for a witness testimony",
    );
    expect(mail.body).toMatch(/- CS34 1\.2: /);

    const audit = await state.db.auditEvent.findFirstOrThrow({
      where: { action: "witness.request", entityId: asked.requestId },
    });
    expect(audit.actorId).toBe(actors.cara.userId);
    expect(JSON.stringify(audit)).not.toContain(tokenOf(asked.link));
  });

  it("lets the assigned assessor ask, and says so in the mail", async () => {
    const asked = await ask(actors.asha);
    const mail = await state.db.outboxMessage.findUniqueOrThrow({ where: { id: asked.outboxMessageId } });
    expect(mail.body).toContain("Asha Patel, Cara Jones's assessor at Northgate Training Centre, asks you");
  });

  it("refuses another candidate, an unassigned assessor and another centre's assessor, writing nothing", async () => {
    const before = await state.db.witnessRequest.count();
    for (const actor of [actors.dev, actors.ben, actors.raj]) {
      expect(await rejection(ask(actor))).toBeInstanceOf(ForbiddenError);
    }
    expect(await state.db.witnessRequest.count()).toBe(before);
  });

  it("refuses criteria that are not of the enrolment's unit, and no criteria at all", async () => {
    const before = await state.db.witnessRequest.count();
    const stray = await refusal(ask(actors.cara, [{ enrolmentId: ids.cs34, criterionId: ids.cu782First }]));
    expect(stray).toBeInstanceOf(InputError);
    expect((stray as InputError).fieldErrors.criteria).toBeDefined();
    const none = await refusal(ask(actors.cara, []));
    expect((none as InputError).fieldErrors.criteria).toEqual([
      "Tick at least one criterion the witness has seen the candidate meet.",
    ]);
    expect(await state.db.witnessRequest.count()).toBe(before);
  });
});

describe("the witness's link", () => {
  it("opens with only what the witness may see: candidate, centre, the criteria verbatim, their name", async () => {
    const asked = await ask(actors.cara);
    const link = await findWitnessRequestByToken(state.db, tokenOf(asked.link));
    const criterion = await state.db.criterion.findUniqueOrThrow({ where: { id: ids.c12 } });
    expect(link).toEqual({
      state: "open",
      candidateName: "Cara Jones",
      centreName: "Northgate Training Centre",
      witnessName: "Wendy O'Neill",
      criteria: [{ id: ids.c12, ref: "1.2", text: criterion.text, unitCode: "CS34", unitTitle: expect.any(String) }],
    });
  });

  it("says a malformed, unknown or altered token is not valid, with nothing else", async () => {
    const asked = await ask(actors.cara);
    const token = tokenOf(asked.link);
    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const bad of ["", "x", `${token}x`, altered, "A".repeat(43)]) {
      expect(await findWitnessRequestByToken(state.db, bad)).toEqual({
        state: "invalid",
        message: linkMessages.invalid,
      });
      expect(
        (await refusal(submitTestimony(state.db, bad, { ...testimony, criterionIds: [ids.c12] }))).userMessage,
      ).toBe(linkMessages.invalid);
    }
  });

  it("says when it has expired, and takes no testimony", async () => {
    const asked = await ask(actors.cara, undefined, new Date(Date.now() - 15 * day));
    const token = tokenOf(asked.link);
    expect(await findWitnessRequestByToken(state.db, token)).toEqual({
      state: "expired",
      message: linkMessages.expired,
    });
    const error = await refusal(submitTestimony(state.db, token, { ...testimony, criterionIds: [ids.c12] }));
    expect(error.userMessage).toBe(linkMessages.expired);
  });

  it("stops working once revoked, by the candidate or the assessor, and only they may revoke", async () => {
    const asked = await ask(actors.cara);
    const token = tokenOf(asked.link);
    for (const actor of [actors.dev, actors.ben, actors.raj])
      expect(await rejection(revokeTestimonyRequest(state.db, actor, { requestId: asked.requestId }))).toBeInstanceOf(
        ForbiddenError,
      );
    await revokeTestimonyRequest(state.db, actors.asha, { requestId: asked.requestId });
    expect(await findWitnessRequestByToken(state.db, token)).toEqual({
      state: "revoked",
      message: linkMessages.revoked,
    });
    const error = await refusal(submitTestimony(state.db, token, { ...testimony, criterionIds: [ids.c12] }));
    expect(error.userMessage).toBe(linkMessages.revoked);
    expect(
      (await refusal(revokeTestimonyRequest(state.db, actors.cara, { requestId: asked.requestId }))).userMessage,
    ).toBe("This request has already been revoked.");
    const audit = await state.db.auditEvent.findFirstOrThrow({
      where: { action: "witness.revoke", entityId: asked.requestId },
    });
    expect(audit.actorId).toBe(actors.asha.userId);
  });

  it("takes one of two submissions sent at the same moment, and tells the other it was used", async () => {
    const asked = await ask(actors.cara);
    const token = tokenOf(asked.link);
    const results = await Promise.allSettled(
      [1, 2].map(() => submitTestimony(state.db, token, { ...testimony, criterionIds: [ids.c12] })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    expect(((refused as PromiseRejectedResult).reason as AppError).userMessage).toBe(linkMessages.used);
    expect(await state.db.evidence.count({ where: { witnessRequest: { id: asked.requestId } } })).toBe(1);
  });

  it("refuses a signature that is not the witness's name, and ticks outside those asked, changing nothing", async () => {
    const asked = await ask(actors.cara);
    const token = tokenOf(asked.link);
    const wrongName = await refusal(
      submitTestimony(state.db, token, { ...testimony, signedName: "Wendy Smith", criterionIds: [ids.c12] }),
    );
    expect((wrongName as InputError).fieldErrors.signedName?.[0]).toMatch(
      /^Type your full name as the request gives it, “Wendy O'Neill”/,
    );
    const outside = await refusal(submitTestimony(state.db, token, { ...testimony, criterionIds: [ids.c12, ids.c15] }));
    expect((outside as InputError).fieldErrors.criterionIds).toEqual(["Tick only the criteria listed on this page."]);
    const empty = await refusal(submitTestimony(state.db, token, { ...testimony, criterionIds: [] }));
    expect((empty as InputError).fieldErrors.criterionIds).toBeDefined();
    expect((await findWitnessRequestByToken(state.db, token)).state).toBe("open");
  });
});

describe("a submitted testimony", () => {
  let evidenceId = "";
  let token = "";
  let requestId = "";

  beforeAll(async () => {
    const asked = await ask(actors.cara, [
      { enrolmentId: ids.cs34, criterionId: ids.c12 },
      { enrolmentId: ids.cs34, criterionId: ids.c15 },
    ]);
    token = tokenOf(asked.link);
    requestId = asked.requestId;
    ({ evidenceId } = await submitTestimony(state.db, token, { ...testimony, criterionIds: [ids.c12] }));
  });

  it("becomes submitted evidence with one SUBMITTED mapping per ticked criterion, in the assessor's queue", async () => {
    const evidence = await state.db.evidence.findUniqueOrThrow({
      where: { id: evidenceId },
      include: { mappings: true },
    });
    expect(evidence).toMatchObject({
      candidateId: actors.cara.userId,
      method: "witnessTestimony",
      title: "Witness testimony from Wendy O'Neill",
      description: testimony.observed,
      authorId: null,
    });
    expect(evidence.submittedAt).not.toBeNull();
    expect(evidence.declaration).toMatch(
      /^wendy {3}o’neill signed this witness testimony by typing their full name on .+, confirming that it is true/,
    );
    expect(evidence.mappings.map((m) => [m.criterionId, m.enrolmentId, m.status])).toEqual([
      [ids.c12, ids.cs34, "SUBMITTED"],
    ]);
    const queue = await listQueue(state.db, actors.asha);
    expect(queue.items.map((i) => i.evidenceId)).toContain(evidenceId);

    const request = await state.db.witnessRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request).toMatchObject({
      evidenceId,
      statedRelationship: "I am her line manager",
      signedName: testimony.signedName.trim(),
    });
    const notified = await state.db.notification.findMany({ where: { link: { contains: evidenceId } } });
    expect(notified.map((n) => n.userId).sort()).toEqual([actors.asha.userId, actors.cara.userId].sort());
    const audit = await state.db.auditEvent.findFirstOrThrow({
      where: { action: "witness.submit", entityId: requestId },
    });
    expect(audit.actorId).toBeNull();
    expect(audit.after).toMatchObject({ by: "witness", evidenceId });
  });

  it("works once: a second submission is refused as used, and the link then shows no data", async () => {
    const again = await refusal(submitTestimony(state.db, token, { ...testimony, criterionIds: [ids.c12] }));
    expect(again.userMessage).toBe(linkMessages.used);
    expect(await findWitnessRequestByToken(state.db, token)).toEqual({ state: "used", message: linkMessages.used });
    expect(await state.db.evidence.count({ where: { witnessRequest: { id: requestId } } })).toBe(1);
    expect((await refusal(revokeTestimonyRequest(state.db, actors.cara, { requestId }))).userMessage).toMatch(
      /already submitted their testimony/,
    );
  });

  it("cannot be changed, deleted, revised or re-mapped by the candidate or the assessor", async () => {
    const description = {
      ...testimony,
      title: "Changed",
      method: "witnessTestimony",
      activityDate: "2026-01-20",
      description: "x",
      simulated: false,
      isWorkplaceDocument: false,
      workplaceWhat: "",
      workplaceWhereKept: "",
      workplaceHeldBy: "",
      workplaceRelevance: "",
    };
    const mappingId = (await state.db.mapping.findFirstOrThrow({ where: { evidenceId } })).id;
    for (const actor of [actors.cara, actors.asha]) {
      expect(await rejection(updateEvidence(state.db, actor, evidenceId, description))).toBeInstanceOf(ForbiddenError);
      expect(await rejection(deleteEvidence(state.db, actor, evidenceId, { delete: async () => {} }))).toBeInstanceOf(
        ForbiddenError,
      );
      expect(await rejection(reviseEvidence(state.db, actor, evidenceId))).toBeInstanceOf(ForbiddenError);
      expect(
        await rejection(proposeMapping(state.db, actor, { evidenceId, enrolmentId: ids.cs34, criterionId: ids.c15 })),
      ).toBeInstanceOf(ForbiddenError);
      expect(await rejection(removeMapping(state.db, actor, { mappingId }))).toBeInstanceOf(ForbiddenError);
    }
    expect(await state.db.evidence.findUniqueOrThrow({ where: { id: evidenceId } })).toMatchObject({
      description: testimony.observed,
    });
  });

  it("shows the candidate why it is read-only, and offers no change", async () => {
    const detail = await getEvidence(state.db, actors.cara, evidenceId);
    expect(detail).toMatchObject({
      canEdit: false,
      canRevise: false,
      canDelete: false,
      lockedBecause: testimonyLockedMessage,
    });
  });

  it("shows the witness details; only the assigned assessor marks the witness expert, once", async () => {
    const before = await getWitnessTestimony(state.db, actors.cara, evidenceId);
    expect(before).toMatchObject({
      witnessName: "Wendy O'Neill",
      witnessJobTitle: "Store manager",
      expert: null,
      canMarkExpert: false,
    });
    expect((await getWitnessTestimony(state.db, actors.asha, evidenceId))?.canMarkExpert).toBe(true);
    for (const actor of [actors.cara, actors.ben, actors.raj])
      expect(await rejection(markExpertWitness(state.db, actor, { evidenceId }))).toBeInstanceOf(ForbiddenError);
    await markExpertWitness(state.db, actors.asha, { evidenceId });
    const after = await getWitnessTestimony(state.db, actors.asha, evidenceId);
    expect(after).toMatchObject({ expert: { byName: "Asha Patel" }, canMarkExpert: false });
    expect((await refusal(markExpertWitness(state.db, actors.asha, { evidenceId }))).userMessage).toMatch(
      /already been marked/,
    );
  });

  it("is judged through the usual review: the assessor accepts it, choosing the range items it shows", async () => {
    const mapping = await state.db.mapping.findFirstOrThrow({ where: { evidenceId } });
    const items = await state.db.rangeItem.findMany({
      where: { criterionId: ids.c12 },
      orderBy: { position: "asc" },
      take: 2,
    });
    expect(items.length).toBe(2);
    const reviewed = await reviewMapping(state.db, actors.asha, {
      mappingId: mapping.id,
      decision: "accept",
      rangeItemIds: items.map((i) => i.id),
    });
    expect(reviewed).toMatchObject({ status: "ACCEPTED", rangeItemIds: items.map((i) => i.id) });
  });

  it("is listed with its state in words on the enrolment's witness page", async () => {
    const page = await listWitnessRequests(state.db, actors.asha, ids.cs34);
    const row = page.requests.find((r) => r.id === requestId);
    expect(row).toMatchObject({ state: "submitted", evidenceId, canRevoke: false, criterionRefs: "1.2, 1.5" });
    expect(row?.stateWords).toMatch(/^Submitted on \d{1,2} \w+ \d{4}$/);
    expect(
      page.requests.some(
        (r) => r.state === "waiting" && r.canRevoke && /^Waiting for the witness, until /.test(r.stateWords),
      ),
    ).toBe(true);
    expect(page.requests.some((r) => r.state === "revoked")).toBe(true);
    expect(page.requests.some((r) => r.state === "expired")).toBe(true);
    expect(page.canRequest).toBe(true);
    expect(await rejection(listWitnessRequests(state.db, actors.dev, ids.cs34))).toBeInstanceOf(ForbiddenError);
  });
});
