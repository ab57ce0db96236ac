import { newLinkToken } from "../auth/link-token";
import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { loadEnrolmentResource } from "../enrolments/enrolment-resource";
import { enrolmentNotFound, requireActive } from "../enrolments/guards";
import { AppError, InputError, parseInput } from "../errors";
import { OutboxMailer } from "../mail/outbox-mailer";
import { criteriaAskedAbout } from "./find-request";
import { witnessLink, witnessRequestMessage } from "./message";
import { RequestTestimonyInput, WITNESS_LINK_VALID_DAYS, type RequestedCriterion } from "./schemas";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
const day = 86_400_000;

export type RequestedTestimony = { requestId: string; link: string; expiresAt: Date; outboxMessageId: string };

/** Refuses unless the actor may ask a witness about every enrolment named (the candidate themself or its assessor). */
async function authorizeEnrolments(db: Pick<Db, "enrolment" | "eqaShare">, actor: Actor, ids: string[], now: Date) {
  for (const id of ids) {
    const resource = await loadEnrolmentResource(db, id);
    if (!resource) throw enrolmentNotFound("the unit's page");
    authorize(actor, "witness.request", resource, now);
  }
}

/**
 * Inside the transaction: the enrolments are one candidate's, in one centre, still in progress,
 * and every criterion is one of its enrolment's unit version. Returns the candidate and centre.
 */
async function checkCriteria(tx: Tx, criteria: RequestedCriterion[]) {
  const enrolmentIds = [...new Set(criteria.map((c) => c.enrolmentId))];
  const enrolments = await tx.enrolment.findMany({
    where: { id: { in: enrolmentIds } },
    select: { id: true, centreId: true, candidateId: true, status: true, unitVersionId: true },
  });
  const first = enrolments[0];
  if (!first || enrolments.length !== enrolmentIds.length) throw enrolmentNotFound("the unit's page");
  if (enrolments.some((e) => e.candidateId !== first.candidateId || e.centreId !== first.centreId))
    throw new AppError("A request for a testimony is about one candidate. Ask about one candidate's units at a time.");
  for (const e of enrolments) requireActive(e.status, "ask a witness about it", "assessment");
  const unitVersionOf = new Map(enrolments.map((e) => [e.id, e.unitVersionId]));
  const found = await tx.criterion.findMany({
    where: { id: { in: criteria.map((c) => c.criterionId) } },
    select: { id: true, unitVersionId: true },
  });
  const versionOfCriterion = new Map(found.map((c) => [c.id, c.unitVersionId]));
  const criterionIds = criteria.map((c) => c.criterionId);
  const strays = criteria.filter((c) => versionOfCriterion.get(c.criterionId) !== unitVersionOf.get(c.enrolmentId));
  if (strays.length > 0 || new Set(criterionIds).size !== criterionIds.length) {
    const message = "Tick only criteria of the unit shown. Reload the page and try again.";
    throw new InputError(message, { criteria: [message] });
  }
  return { candidateId: first.candidateId, centreId: first.centreId };
}

/**
 * The candidate, or their assigned assessor, asks a workplace witness for a testimony about some
 * criteria: a request with a single-use link (only its hash is kept) valid for 14 days, a mail to
 * the witness in the outbox (delivered after commit when SMTP is configured) and an audit event.
 */
export async function requestTestimony(
  db: Db,
  actor: Actor,
  rawInput: unknown,
  options: { baseUrl: string; now?: Date },
): Promise<RequestedTestimony> {
  const input = parseInput(RequestTestimonyInput, rawInput);
  const now = options.now ?? new Date();
  const enrolmentIds = [...new Set(input.criteria.map((c) => c.enrolmentId))];
  await authorizeEnrolments(db, actor, enrolmentIds, now);

  return db.$transaction(async (tx) => {
    // Again inside the transaction: an assessor changed meanwhile loses the right to ask.
    await authorizeEnrolments(tx, actor, enrolmentIds, now);
    const { candidateId, centreId } = await checkCriteria(tx, input.criteria);
    const { token, tokenHash } = newLinkToken();
    const expiresAt = new Date(now.getTime() + WITNESS_LINK_VALID_DAYS * day);
    const request = await tx.witnessRequest.create({
      data: {
        centreId,
        candidateId,
        requestedById: actor.userId,
        tokenHash,
        witnessName: input.witnessName,
        witnessEmail: input.witnessEmail,
        witnessJobTitle: input.witnessJobTitle,
        witnessRelationship: input.witnessRelationship,
        criteria: input.criteria,
        expiresAt,
        createdAt: now,
      },
      select: { id: true },
    });
    const link = witnessLink(options.baseUrl, token);
    const outboxMessageId = await mailWitness(tx, { input, centreId, candidateId, actor, link, expiresAt });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId,
      action: "witness.request",
      entityType: "WitnessRequest",
      entityId: request.id,
      // The link itself is never recorded: whoever reads the log must not be able to use it.
      after: { ...input, candidateId, expiresAt: expiresAt.toISOString(), outboxMessageId },
      at: now,
    });
    return { requestId: request.id, link, expiresAt, outboxMessageId };
  });
}

async function mailWitness(
  tx: Tx,
  args: {
    input: ReturnType<typeof RequestTestimonyInput.parse>;
    centreId: string;
    candidateId: string;
    actor: Actor;
    link: string;
    expiresAt: Date;
  },
): Promise<string> {
  const { input } = args;
  // One at a time: a transaction holds one connection.
  const centre = await tx.centre.findUniqueOrThrow({
    where: { id: args.centreId },
    select: { name: true, timeZone: true },
  });
  const people = await tx.user.findMany({
    where: { id: { in: [args.candidateId, args.actor.userId] } },
    select: { id: true, name: true },
  });
  const criteria = await criteriaAskedAbout(tx, input.criteria);
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? "";
  const message = witnessRequestMessage({
    witnessName: input.witnessName,
    requester: { name: nameOf(args.actor.userId), isCandidate: args.actor.userId === args.candidateId },
    candidateName: nameOf(args.candidateId),
    centre,
    relationship: input.witnessRelationship,
    criteria,
    link: args.link,
    expiresAt: args.expiresAt,
  });
  const queued = await new OutboxMailer(tx).queue({ to: input.witnessEmail, centreId: args.centreId, ...message });
  return queued.id;
}
