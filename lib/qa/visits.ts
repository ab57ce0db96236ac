import { z } from "zod";
import { recordAudit } from "../audit";
import { authorize, type Actor, type VisitResource } from "../authz/policy";
import type { Db } from "../db/client";
import { holdersOf, holdsRole } from "../enrolments/members";
import { InputError, NotFoundError, ConflictError, parseInput } from "../errors";
import { addDays, calendarDateIn, formatDate, formatLastDay, startOfDayIn } from "../format/date";
import { dateLabel, dateProblem, eqaAccessDates, type DateRange } from "../format/date-bounds";
import { notify } from "../notify";

// EQA visits (docs/decisions/0020): a centre admin arranges a visit by an external quality
// assurer of the centre over some days, with a scope fixed when it is arranged: every enrolment
// on some units, every enrolment of some candidates, or the enrolments of an IQA's sampling plan.
// The visit writes one EqaShare per enrolment in scope, carrying its window (startsAt, expiresAt)
// and its id, so the policy's one share rule (openShareOf) opens exactly those portfolios to the
// EQA during the visit, and every existing EQA read path (portfolio pages, evidence, files)
// serves the visit unchanged. Cancelling deletes the shares; changing the dates moves them.

export const visitScopeKinds = ["units", "candidates", "plan"] as const;
export type VisitScopeKind = (typeof visitScopeKinds)[number];

/** The most a visit's scope may list (unit codes or candidates). */
export const MAX_SCOPE_CHOICES = 200;

const id = (missing: string) => z.string({ error: missing }).trim().min(1, missing).max(100, missing);

/** A checkbox group's values: one value or many, blanks and repeats dropped. */
const choices = z.preprocess(
  (value) => (Array.isArray(value) ? value : value === undefined || value === null || value === "" ? [] : [value]),
  z
    .array(z.string().trim().max(100))
    .max(MAX_SCOPE_CHOICES, `Choose at most ${MAX_SCOPE_CHOICES}.`)
    .transform((values) => [...new Set(values.filter((value) => value.length > 0))]),
);

const day = (missing: string) => z.string({ error: missing }).trim().min(1, missing);

export const VisitDatesInput = z.object({
  firstDay: day("Enter the first day of the visit."),
  lastDay: day("Enter the last day of the visit."),
});

export const CreateVisitInput = VisitDatesInput.extend({
  centreId: id("The centre is missing. Reload the page and try again."),
  eqaUserId: id("Choose the external quality assurer."),
  title: z
    .string({ error: "Give the visit a title." })
    .trim()
    .min(1, "Give the visit a title, for example “Spring sampling visit”.")
    .max(200, "Keep the title to 200 characters or fewer."),
  scopeKind: z.enum(visitScopeKinds, { error: "Choose what the visit covers: units, candidates or a sampling plan." }),
  unitCodes: choices,
  candidateIds: choices,
  planId: z.string().trim().max(100).default(""),
});
export type CreateVisitInput = Omit<z.input<typeof CreateVisitInput>, "unitCodes" | "candidateIds"> & {
  unitCodes?: string | string[];
  candidateIds?: string | string[];
};

export const ChangeVisitDatesInput = VisitDatesInput.extend({ visitId: id("The visit is missing.") });
export type ChangeVisitDatesInput = z.input<typeof ChangeVisitDatesInput>;

export const CancelVisitInput = z.object({ visitId: id("The visit is missing.") });

export const RecordFindingInput = z
  .object({
    visitId: id("The visit is missing."),
    text: z
      .string({ error: "Write the finding." })
      .trim()
      .min(1, "Write the finding.")
      .max(5000, "Keep a finding to 5,000 characters or fewer."),
    needsAction: z.boolean().default(false),
    dueDate: z.string().trim().default(""),
    assessorId: z.string().trim().max(100).default(""),
  })
  .refine((input) => !input.needsAction || input.dueDate !== "", {
    path: ["dueDate"],
    message: "Enter the date the action is due by.",
  });
export type RecordFindingInput = z.input<typeof RecordFindingInput>;

/** The instants a visit's days span in the centre's time zone: first day's midnight to the day after the last. */
export function visitWindow(firstDay: string, lastDay: string, timeZone: string): { startsAt: Date; endsAt: Date } {
  return { startsAt: startOfDayIn(firstDay, timeZone), endsAt: startOfDayIn(addDays(lastDay, 1), timeZone) };
}

/** "3 March 2027 to 5 March 2027" (or one day), in the centre's time zone. */
export function visitDays(visit: { startsAt: Date; endsAt: Date }, timeZone: string): string {
  const first = formatDate(visit.startsAt, timeZone);
  const last = formatLastDay(visit.endsAt, timeZone);
  return first === last ? first : `${first} to ${last}`;
}

/**
 * The days a visit may be given: the first from `earliest` (today, or the day it already began)
 * to a year from today, the last from the first day to a year from today. Throws InputError.
 */
function checkDays(input: { firstDay: string; lastDay: string }, today: string, earliest: string): void {
  const range: DateRange = { ...eqaAccessDates(today), earliest };
  const first = dateProblem(input.firstDay, range, "the first day", "2027-03-01");
  const last = dateProblem(input.lastDay, range, "the last day", "2027-03-03");
  const errors: Record<string, string[]> = {};
  if (first) errors.firstDay = [first];
  if (last) errors.lastDay = [last];
  else if (!first && input.lastDay < input.firstDay)
    errors.lastDay = [`The last day must be on or after the first day (${dateLabel(input.firstDay)}).`];
  if (Object.keys(errors).length > 0) throw InputError.forFields(errors);
}

/** Stored scope: unit codes or candidate ids, or [planId]. */
function scopeValues(input: z.output<typeof CreateVisitInput>): string[] {
  if (input.scopeKind === "units") return input.unitCodes;
  if (input.scopeKind === "candidates") return input.candidateIds;
  return input.planId ? [input.planId] : [];
}

const nothingChosen: Record<VisitScopeKind, [string, string]> = {
  units: ["unitCodes", "Choose at least one unit the visit covers."],
  candidates: ["candidateIds", "Choose at least one candidate the visit covers."],
  plan: ["planId", "Choose the sampling plan the visit covers."],
};

/**
 * The enrolments of the centre a scope covers, checking each choice belongs to the centre: a unit
 * someone there is enrolled on, a candidate of the centre, a sampling plan of the centre.
 */
export async function enrolmentsInScope(
  tx: Pick<Db, "enrolment" | "membership" | "samplingPlan" | "samplingItem">,
  centreId: string,
  kind: VisitScopeKind,
  values: readonly string[],
): Promise<string[]> {
  const [field, message] = nothingChosen[kind];
  if (values.length === 0) throw InputError.forField(field, message);
  if (kind === "plan") {
    const plan = await tx.samplingPlan.findFirst({ where: { id: values[0], centreId }, select: { id: true } });
    if (!plan)
      throw InputError.forField("planId", "That sampling plan is not one of this centre's. Choose one from the list.");
    const items = await tx.samplingItem.findMany({
      where: { planId: plan.id },
      select: { enrolmentId: true },
      distinct: ["enrolmentId"],
    });
    const rows = await tx.enrolment.findMany({
      where: { centreId, id: { in: items.map((i) => i.enrolmentId) } },
      select: { id: true },
    });
    if (rows.length === 0)
      throw InputError.forField(
        "planId",
        "That sampling plan has nothing in it yet. Choose another, or add items to it first.",
      );
    return rows.map((r) => r.id);
  }
  if (kind === "candidates") {
    const held = await holdersOf(tx, centreId, "CANDIDATE", values);
    const foreign = values.filter((v) => !held.has(v));
    if (foreign.length > 0)
      throw InputError.forField(
        "candidateIds",
        "A chosen candidate is not a candidate of this centre. Choose from the list.",
      );
  }
  const rows = await tx.enrolment.findMany({
    where:
      kind === "units"
        ? { centreId, unitVersion: { unit: { code: { in: [...values] } } } }
        : { centreId, candidateId: { in: [...values] } },
    select: { id: true, candidateId: true, unitVersion: { select: { unit: { select: { code: true } } } } },
    orderBy: { id: "asc" },
  });
  const covered = new Set(rows.map((r) => (kind === "units" ? r.unitVersion.unit.code : r.candidateId)));
  const empty = values.filter((v) => !covered.has(v));
  if (empty.length > 0)
    throw InputError.forField(
      field,
      kind === "units"
        ? `Nobody at this centre is enrolled on ${empty.join(", ")}. Choose units from the list.`
        : "A chosen candidate has no enrolment at this centre, so there is nothing of theirs to share.",
    );
  return rows.map((r) => r.id);
}

async function centreTimeZone(tx: Pick<Db, "centre">, centreId: string): Promise<string> {
  return (await tx.centre.findUniqueOrThrow({ where: { id: centreId }, select: { timeZone: true } })).timeZone;
}

const visitLink = (visitId: string) => `/eqa/visits/${encodeURIComponent(visitId)}`;

/**
 * Arranges an EQA visit and opens its scope to the EQA for its days: the visit and one share
 * per enrolment in scope, in one transaction, audited, and the EQA told.
 */
export async function createVisit(
  db: Db,
  actor: Actor,
  rawInput: CreateVisitInput,
  now: Date = new Date(),
): Promise<{ id: string; shares: number }> {
  const input = parseInput(CreateVisitInput, rawInput);
  authorize(actor, "visit.manage", { kind: "centre", centreId: input.centreId });
  return db.$transaction(async (tx) => {
    const timeZone = await centreTimeZone(tx, input.centreId);
    const today = calendarDateIn(now, timeZone);
    checkDays(input, today, today);
    if (!(await holdsRole(tx, input.centreId, "EQA", input.eqaUserId)))
      throw InputError.forField(
        "eqaUserId",
        "The chosen person is not an external quality assurer of this centre. Choose one from the list.",
      );
    const values = scopeValues(input);
    const enrolmentIds = await enrolmentsInScope(tx, input.centreId, input.scopeKind, values);
    const window = visitWindow(input.firstDay, input.lastDay, timeZone);
    const visit = await tx.eqaVisit.create({
      data: {
        centreId: input.centreId,
        eqaUserId: input.eqaUserId,
        title: input.title,
        ...window,
        scopeKind: input.scopeKind,
        scope: values,
        createdById: actor.userId,
      },
      select: { id: true },
    });
    await writeShares(tx, { ...input, visitId: visit.id, sharedById: actor.userId }, enrolmentIds, window);
    await notify(tx, {
      userId: input.eqaUserId,
      kind: "visit.arranged",
      title: `EQA visit arranged: ${input.title}`,
      body: `${visitDays(window, timeZone)}. ${enrolmentIds.length} portfolio${enrolmentIds.length === 1 ? "" : "s"} will be open to you, read-only, on those days.`,
      link: visitLink(visit.id),
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: input.centreId,
      action: "visit.create",
      entityType: "EqaVisit",
      entityId: visit.id,
      after: {
        eqaUserId: input.eqaUserId,
        title: input.title,
        ...isoWindow(window),
        scopeKind: input.scopeKind,
        scope: values,
        enrolmentIds,
      },
    });
    return { id: visit.id, shares: enrolmentIds.length };
  });
}

function isoWindow(window: { startsAt: Date; endsAt: Date }) {
  return { startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() };
}

async function writeShares(
  tx: Pick<Db, "eqaShare">,
  visit: { centreId: string; eqaUserId: string; visitId: string; sharedById: string },
  enrolmentIds: readonly string[],
  window: { startsAt: Date; endsAt: Date },
): Promise<void> {
  if (enrolmentIds.length === 0) return;
  await tx.eqaShare.createMany({
    data: enrolmentIds.map((enrolmentId) => ({
      centreId: visit.centreId,
      eqaUserId: visit.eqaUserId,
      enrolmentId,
      visitId: visit.visitId,
      sharedById: visit.sharedById,
      startsAt: window.startsAt,
      expiresAt: window.endsAt,
    })),
  });
}

/** A visit with what the policy needs to know about it. */
export type VisitRow = VisitResource & {
  id: string;
  title: string;
  scopeKind: string;
  scope: unknown;
  createdById: string;
  createdAt: Date;
  cancelledAt: Date | null;
};

export const visitNotFoundMessage =
  "That visit was not found. It may have been removed; go back to the list of visits.";

/** The visit, or NotFoundError: the same for a visit that does not exist and one of another centre. */
export async function loadVisit(db: Pick<Db, "eqaVisit">, visitId: string): Promise<VisitRow> {
  const row = await db.eqaVisit.findUnique({ where: { id: visitId } });
  if (!row) throw new NotFoundError(visitNotFoundMessage, "visit not found");
  return {
    kind: "visit",
    id: row.id,
    centreId: row.centreId,
    eqaUserId: row.eqaUserId,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    cancelled: row.cancelledAt !== null,
    cancelledAt: row.cancelledAt,
    title: row.title,
    scopeKind: row.scopeKind,
    scope: row.scope,
    createdById: row.createdById,
    createdAt: row.createdAt,
  };
}

/**
 * Loads a visit and authorizes the action on it. Anyone who holds no role at the visit's
 * centre, or who is neither its EQA nor an admin there, gets NotFoundError, as for a missing
 * visit, so ids cannot be probed; the visit's own EQA outside its days gets the policy's refusal.
 */
export async function authorizedVisit(
  db: Pick<Db, "eqaVisit">,
  actor: Actor,
  visitId: string,
  action: "visit.read" | "visit.manage" | "visit.recordFinding" | "pack.download",
  now: Date = new Date(),
): Promise<VisitRow> {
  const visit = await loadVisit(db, visitId);
  const roles = actor.memberships.filter((m) => m.centreId === visit.centreId).map((m) => m.role);
  const admin = roles.includes("CENTRE_ADMIN");
  const ownEqa = roles.includes("EQA") && visit.eqaUserId === actor.userId;
  if (!admin && !ownEqa) throw new NotFoundError(visitNotFoundMessage, "visit of someone else");
  authorize(actor, action, visit, now);
  return visit;
}

/** Moves a visit's days, and its shares' window with them. */
export async function changeVisitDates(
  db: Db,
  actor: Actor,
  rawInput: ChangeVisitDatesInput,
  now: Date = new Date(),
): Promise<{ id: string }> {
  const input = parseInput(ChangeVisitDatesInput, rawInput);
  await authorizedVisit(db, actor, input.visitId, "visit.manage", now);
  return db.$transaction(async (tx) => {
    const visit = await authorizedVisit(tx, actor, input.visitId, "visit.manage", now);
    if (visit.cancelled)
      throw new ConflictError("This visit has been cancelled, so its dates can no longer be changed.");
    const timeZone = await centreTimeZone(tx, visit.centreId);
    const today = calendarDateIn(now, timeZone);
    const began = calendarDateIn(visit.startsAt, timeZone);
    checkDays(input, today, began < today ? began : today);
    const window = visitWindow(input.firstDay, input.lastDay, timeZone);
    await tx.eqaVisit.update({ where: { id: visit.id }, data: window });
    await tx.eqaShare.updateMany({
      where: { visitId: visit.id },
      data: { startsAt: window.startsAt, expiresAt: window.endsAt },
    });
    await notify(tx, {
      userId: visit.eqaUserId,
      kind: "visit.changed",
      title: `EQA visit moved: ${visit.title}`,
      body: `The visit's days are now ${visitDays(window, timeZone)} (they were ${visitDays(visit, timeZone)}).`,
      link: visitLink(visit.id),
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: visit.centreId,
      action: "visit.changeDates",
      entityType: "EqaVisit",
      entityId: visit.id,
      before: isoWindow(visit),
      after: isoWindow(window),
    });
    return { id: visit.id };
  });
}

/** Cancels a visit: its shares are deleted, so the EQA's access through it ends at once. */
export async function cancelVisit(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof CancelVisitInput>,
  now: Date = new Date(),
): Promise<{ id: string; sharesRemoved: number }> {
  const input = parseInput(CancelVisitInput, rawInput);
  await authorizedVisit(db, actor, input.visitId, "visit.manage", now);
  return db.$transaction(async (tx) => {
    const visit = await authorizedVisit(tx, actor, input.visitId, "visit.manage", now);
    if (visit.cancelled) throw new ConflictError("This visit has already been cancelled.");
    await tx.eqaVisit.update({ where: { id: visit.id }, data: { cancelledAt: now } });
    const removed = await tx.eqaShare.deleteMany({ where: { visitId: visit.id } });
    const timeZone = await centreTimeZone(tx, visit.centreId);
    await notify(tx, {
      userId: visit.eqaUserId,
      kind: "visit.cancelled",
      title: `EQA visit cancelled: ${visit.title}`,
      body: `The visit planned for ${visitDays(visit, timeZone)} has been cancelled by the centre; its portfolios are no longer open to you.`,
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: visit.centreId,
      action: "visit.cancel",
      entityType: "EqaVisit",
      entityId: visit.id,
      before: { ...isoWindow(visit), shares: removed.count },
      after: { cancelledAt: now.toISOString() },
    });
    return { id: visit.id, sharesRemoved: removed.count };
  });
}

/**
 * The EQA records a finding during the visit; one that needs action also raises a QaAction for
 * the chosen assessor of the centre, or for the centre (its admins) when none is chosen.
 */
export async function recordFinding(
  db: Db,
  actor: Actor,
  rawInput: RecordFindingInput,
  now: Date = new Date(),
): Promise<{ findingId: string; actionId: string | null }> {
  const input = parseInput(RecordFindingInput, rawInput);
  await authorizedVisit(db, actor, input.visitId, "visit.recordFinding", now);
  return db.$transaction(async (tx) => {
    const visit = await authorizedVisit(tx, actor, input.visitId, "visit.recordFinding", now);
    const timeZone = await centreTimeZone(tx, visit.centreId);
    const action = input.needsAction
      ? await actionFacts(tx, visit.centreId, input, calendarDateIn(now, timeZone), timeZone)
      : null;
    const finding = await tx.eqaFinding.create({
      data: { visitId: visit.id, authorId: actor.userId, text: input.text },
      select: { id: true },
    });
    const created = action
      ? await tx.qaAction.create({
          data: {
            centreId: visit.centreId,
            visitId: visit.id,
            raisedById: actor.userId,
            assessorId: action.assessorId,
            text: input.text,
            dueDate: action.dueDate,
          },
          select: { id: true },
        })
      : null;
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: visit.centreId,
      action: "visit.recordFinding",
      entityType: "EqaVisit",
      entityId: visit.id,
      after: {
        findingId: finding.id,
        ...(created && action
          ? { actionId: created.id, assessorId: action.assessorId, dueDate: action.dueDate.toISOString() }
          : {}),
      },
    });
    return { findingId: finding.id, actionId: created?.id ?? null };
  });
}

/** When the action is due (the start of that day in the centre's zone) and to whom it is addressed. */
async function actionFacts(
  tx: Pick<Db, "membership">,
  centreId: string,
  input: z.output<typeof RecordFindingInput>,
  today: string,
  timeZone: string,
): Promise<{ dueDate: Date; assessorId: string | null }> {
  const problem = dateProblem(input.dueDate, eqaAccessDates(today), "the date the action is due by", "2027-04-01");
  if (problem) throw InputError.forField("dueDate", problem);
  if (input.assessorId && !(await holdsRole(tx, centreId, "ASSESSOR", input.assessorId)))
    throw InputError.forField(
      "assessorId",
      "The chosen person is not an assessor of this centre. Choose one from the list.",
    );
  return { dueDate: startOfDayIn(input.dueDate, timeZone), assessorId: input.assessorId || null };
}
