import { z } from "zod";
import type { Prisma } from "../../generated/sqlite/client";
import { recordAudit } from "../audit";
import { recordId, requiredText } from "../assessment/input";
import { authorize, can, type Action, type Actor, type QaActionResource } from "../authz/policy";
import type { Db } from "../db/client";
import { ConflictError, NotFoundError, parseInput } from "../errors";
import { formatDate } from "../format/date";
import { timeZoneOf } from "../format/time-zone";
import { notify, type NotificationKind } from "../notify";
import { parseEvidenceSnapshot } from "../assessment/verify-decision-signature";

// The QA action loop (docs/decisions/0020): an IQA's sample, or an EQA's visit, sets an action;
// the assessor it names (or, for a centre-wide EQA action, a centre admin) responds; whoever may
// close it closes it, or re-opens it. Each step is an entry in the action's thread, audited in
// the same transaction, and the other side is told.

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const qaActionStatuses = ["open", "responded", "closed"] as const;
export type QaActionStatus = (typeof qaActionStatuses)[number];
export type QaEntryKind = "response" | "close" | "reopen";

export const ACTIONS_PAGE_SIZE = 20;
export const actionTextLimit = 5000;

function statusOf(value: string): QaActionStatus {
  return (qaActionStatuses as readonly string[]).includes(value) ? (value as QaActionStatus) : "open";
}

/** An action is overdue once its due date has passed and it is not closed. */
export function isOverdue(action: { status: string; dueDate: Date }, now: Date): boolean {
  return statusOf(action.status) !== "closed" && action.dueDate.getTime() <= now.getTime();
}

/** "Open", "Responded", "Closed": the status in words. */
export function actionStatusWord(status: string): string {
  const s = statusOf(status);
  return s === "open" ? "Open" : s === "responded" ? "Responded" : "Closed";
}

export function actionResource(row: {
  centreId: string;
  assessorId: string | null;
  raisedById: string;
}): QaActionResource {
  return { kind: "qaAction", centreId: row.centreId, assessorId: row.assessorId, raisedById: row.raisedById };
}

/** The page where the one who answers an action reads it: the assessor's, or the admin's visit page for a centre-wide EQA action. */
export function answererLink(action: { id: string; assessorId: string | null; visitId: string | null }): string | null {
  if (action.assessorId) return `/assessor/qa-actions/${encodeURIComponent(action.id)}`;
  return action.visitId ? `/admin/visits/${encodeURIComponent(action.visitId)}` : null;
}

/** The page where the one who set an action follows it: the IQA's sampled item, or the EQA's visit. */
export function setterLink(action: {
  itemId: string | null;
  visitId: string | null;
  item?: { planId: string } | null;
}): string | null {
  if (action.itemId && action.item)
    return `/iqa/plans/${encodeURIComponent(action.item.planId)}/items/${encodeURIComponent(action.itemId)}`;
  return action.visitId ? `/eqa/visits/${encodeURIComponent(action.visitId)}` : null;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** What an action is about, in a line: the sampled decision, or the visit. */
const actionContextSelect = {
  item: {
    select: {
      id: true,
      planId: true,
      unitCode: true,
      enrolmentId: true,
      decision: {
        select: {
          id: true,
          outcome: true,
          signedAt: true,
          evidenceSnapshot: true,
          criterion: { select: { ref: true, text: true } },
          enrolment: { select: { candidate: { select: { name: true } } } },
        },
      },
    },
  },
  visit: { select: { id: true, title: true, startsAt: true, endsAt: true } },
} satisfies Prisma.QaActionSelect;

const actionRowSelect = {
  id: true,
  centreId: true,
  itemId: true,
  visitId: true,
  assessorId: true,
  raisedById: true,
  text: true,
  dueDate: true,
  status: true,
  closedAt: true,
  createdAt: true,
  ...actionContextSelect,
} satisfies Prisma.QaActionSelect;

type ActionRow = Prisma.QaActionGetPayload<{ select: typeof actionRowSelect }>;

export type ActionContext =
  | {
      kind: "item";
      planId: string;
      itemId: string;
      enrolmentId: string;
      unitCode: string;
      criterionRef: string;
      criterionText: string;
      candidateName: string;
      decisionOutcome: "MET" | "NOT_YET_MET";
      decisionSignedAt: Date;
      /** The evidence the sampled decision rests on (its snapshot), to open. */
      evidence: { id: string; title: string }[];
    }
  | { kind: "visit"; visitId: string; title: string; startsAt: Date; endsAt: Date }
  | { kind: "none" };

export type ActionSummary = {
  id: string;
  text: string;
  status: QaActionStatus;
  statusWord: string;
  overdue: boolean;
  dueDate: Date;
  createdAt: Date;
  closedAt: Date | null;
  raisedByName: string;
  /** Who must respond: the assessor's name, or null for a centre-wide EQA action (a centre admin answers). */
  assessorName: string | null;
  /** "CS34 4.1, Cara Jones" or the visit's title. */
  about: string;
  context: ActionContext;
  timeZone: string;
};

export type ActionEntryView = { id: string; kind: QaEntryKind; text: string; at: Date; authorName: string };

export type ActionThread = ActionSummary & {
  entries: ActionEntryView[];
  abilities: { respond: boolean; close: boolean; reopen: boolean };
};

/** People's names by id, read once; ids left out (null) are skipped. */
export async function namesOf(db: Pick<Db, "user">, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

async function timeZonesOf(db: Pick<Db, "centre">, centreIds: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(centreIds)];
  if (unique.length === 0) return new Map();
  const centres = await db.centre.findMany({ where: { id: { in: unique } }, select: { id: true, timeZone: true } });
  return new Map(centres.map((c) => [c.id, timeZoneOf(c)]));
}

async function evidenceTitles(db: Pick<Db, "evidence">, rows: readonly ActionRow[]): Promise<Map<string, string>> {
  const ids = rows.flatMap((r) =>
    (parseEvidenceSnapshot(r.item?.decision.evidenceSnapshot) ?? []).map((e) => e.evidenceId),
  );
  if (ids.length === 0) return new Map();
  const found = await db.evidence.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, title: true },
  });
  return new Map(found.map((e) => [e.id, e.title]));
}

function contextOf(row: ActionRow, titles: ReadonlyMap<string, string>): ActionContext {
  if (row.item) {
    const d = row.item.decision;
    return {
      kind: "item",
      planId: row.item.planId,
      itemId: row.item.id,
      enrolmentId: row.item.enrolmentId,
      unitCode: row.item.unitCode,
      criterionRef: d.criterion.ref,
      criterionText: d.criterion.text,
      candidateName: d.enrolment.candidate.name,
      decisionOutcome: d.outcome,
      decisionSignedAt: d.signedAt,
      evidence: (parseEvidenceSnapshot(d.evidenceSnapshot) ?? []).map((e) => ({
        id: e.evidenceId,
        title: titles.get(e.evidenceId) ?? "Evidence no longer held",
      })),
    };
  }
  if (row.visit)
    return {
      kind: "visit",
      visitId: row.visit.id,
      title: row.visit.title,
      startsAt: row.visit.startsAt,
      endsAt: row.visit.endsAt,
    };
  return { kind: "none" };
}

function aboutOf(context: ActionContext): string {
  if (context.kind === "item") return `${context.unitCode} ${context.criterionRef}, ${context.candidateName}`;
  if (context.kind === "visit") return `EQA visit: ${context.title}`;
  return "The centre";
}

/** Rows as summaries: names, time zones and evidence titles read once for all of them. */
async function summaries(db: Db, rows: readonly ActionRow[], now: Date): Promise<ActionSummary[]> {
  const [names, zones, titles] = await Promise.all([
    namesOf(
      db,
      rows.flatMap((r) => [r.raisedById, r.assessorId]),
    ),
    timeZonesOf(
      db,
      rows.map((r) => r.centreId),
    ),
    evidenceTitles(db, rows),
  ]);
  return rows.map((row) => {
    const context = contextOf(row, titles);
    return {
      id: row.id,
      text: row.text,
      status: statusOf(row.status),
      statusWord: actionStatusWord(row.status),
      overdue: isOverdue(row, now),
      dueDate: row.dueDate,
      createdAt: row.createdAt,
      closedAt: row.closedAt,
      raisedByName: names.get(row.raisedById) ?? "Unknown",
      assessorName: row.assessorId ? (names.get(row.assessorId) ?? "Unknown") : null,
      about: aboutOf(context),
      context,
      timeZone: zones.get(row.centreId) ?? timeZoneOf(null),
    };
  });
}

/** Not closed first (open before responded), soonest due first; then closed, the latest closed first. */
const openFirst = [
  { closedAt: { sort: "desc", nulls: "first" } },
  { status: "asc" },
  { dueDate: "asc" },
  { id: "asc" },
] satisfies Prisma.QaActionOrderByWithRelationInput[];

export type ActionList = { items: ActionSummary[]; total: number; page: number; pageCount: number; pageSize: number };

async function pagedActions(db: Db, where: Prisma.QaActionWhereInput, page: number, now: Date): Promise<ActionList> {
  const total = await db.qaAction.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / ACTIONS_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
  const rows = await db.qaAction.findMany({
    where,
    select: actionRowSelect,
    orderBy: openFirst,
    skip: (current - 1) * ACTIONS_PAGE_SIZE,
    take: ACTIONS_PAGE_SIZE,
  });
  return { items: await summaries(db, rows, now), total, page: current, pageCount, pageSize: ACTIONS_PAGE_SIZE };
}

function centresWhere(actor: Actor, role: "ASSESSOR" | "IQA"): string[] {
  return actor.memberships.filter((m) => m.role === role).map((m) => m.centreId);
}

/** The actions addressed to the assessor, at every centre where they assess: open first, paged. */
export async function listAssessorActions(
  db: Db,
  actor: Actor,
  { page = 1 }: { page?: number } = {},
  now: Date = new Date(),
): Promise<ActionList> {
  return pagedActions(db, { assessorId: actor.userId, centreId: { in: centresWhere(actor, "ASSESSOR") } }, page, now);
}

/** The actions the IQA set from their samples, at every centre where they are an IQA: open first, paged. */
export async function listIqaActions(
  db: Db,
  actor: Actor,
  { page = 1, openOnly = false }: { page?: number; openOnly?: boolean } = {},
  now: Date = new Date(),
): Promise<ActionList> {
  return pagedActions(
    db,
    {
      raisedById: actor.userId,
      centreId: { in: centresWhere(actor, "IQA") },
      ...(openOnly ? { status: { not: "closed" } } : {}),
    },
    page,
    now,
  );
}

const entrySelect = { id: true, kind: true, text: true, at: true, authorId: true } as const;

/** The threads of the given actions, oldest entry first, with what the actor may do to each. */
export async function actionThreads(
  db: Db,
  actor: Actor,
  where: Prisma.QaActionWhereInput,
  now: Date = new Date(),
): Promise<ActionThread[]> {
  const rows = await db.qaAction.findMany({
    where,
    select: { ...actionRowSelect, entries: { select: entrySelect, orderBy: [{ at: "asc" }, { id: "asc" }] } },
    orderBy: { createdAt: "asc" },
  });
  const readable = rows.filter((r) => can(actor, "qa.readAction", actionResource(r), now));
  const [list, authors] = await Promise.all([
    summaries(db, readable, now),
    namesOf(
      db,
      readable.flatMap((r) => r.entries.map((e) => e.authorId)),
    ),
  ]);
  return list.map((summary, i) => {
    const row = readable[i]!;
    const resource = actionResource(row);
    const closed = summary.status === "closed";
    return {
      ...summary,
      entries: row.entries.map((e) => ({
        id: e.id,
        kind: e.kind as QaEntryKind,
        text: e.text,
        at: e.at,
        authorName: authors.get(e.authorId) ?? "Unknown",
      })),
      abilities: {
        respond: !closed && can(actor, "qa.respondAction", resource, now),
        close: !closed && can(actor, "qa.closeAction", resource, now),
        reopen: closed && can(actor, "qa.closeAction", resource, now),
      },
    };
  });
}

/** One action with its thread, for anyone who may read it; not found (so ids cannot be probed) otherwise. */
export async function getActionThread(
  db: Db,
  actor: Actor,
  actionId: string,
  now: Date = new Date(),
): Promise<ActionThread> {
  const row = await db.qaAction.findUnique({
    where: { id: actionId },
    select: { centreId: true, assessorId: true, raisedById: true },
  });
  if (!row) throw actionNotFound();
  authorize(actor, "qa.readAction", actionResource(row), now);
  const [thread] = await actionThreads(db, actor, { id: actionId }, now);
  if (!thread) throw actionNotFound();
  return thread;
}

function actionNotFound(): NotFoundError {
  return new NotFoundError("That QA action was not found. Go back to your list of actions and choose it there.");
}

// ---------------------------------------------------------------------------------------------
// Writing

export const RespondInput = z.object({
  actionId: recordId("action"),
  text: requiredText("your response", actionTextLimit),
});
export type RespondInput = z.input<typeof RespondInput>;

export const CloseInput = z.object({
  actionId: recordId("action"),
  note: requiredText("a note", actionTextLimit),
});
export type CloseInput = z.input<typeof CloseInput>;

type Step = {
  kind: QaEntryKind;
  permission: Action;
  /** The statuses the step starts from. */
  from: readonly QaActionStatus[];
  to: QaActionStatus;
  refusal: string;
  audit: string;
  notification: NotificationKind;
};

const steps: Record<QaEntryKind, Step> = {
  response: {
    kind: "response",
    permission: "qa.respondAction",
    from: ["open", "responded"],
    to: "responded",
    refusal:
      "This action has been closed, so it takes no more responses. If more is needed, ask for it to be re-opened.",
    audit: "qa.actionResponded",
    notification: "qa.actionResponded",
  },
  close: {
    kind: "close",
    permission: "qa.closeAction",
    from: ["open", "responded"],
    to: "closed",
    refusal: "This action is already closed. Reload the page to see it as it is now.",
    audit: "qa.actionClosed",
    notification: "qa.actionClosed",
  },
  reopen: {
    kind: "reopen",
    permission: "qa.closeAction",
    from: ["closed"],
    to: "open",
    refusal: "This action is not closed, so there is nothing to re-open. Reload the page to see it as it is now.",
    audit: "qa.actionReopened",
    notification: "qa.actionReopened",
  },
};

export type ActionStepDone = {
  id: string;
  status: QaActionStatus;
  entryId: string;
  itemId: string | null;
  planId: string | null;
  visitId: string | null;
};

const stepActionSelect = {
  id: true,
  centreId: true,
  itemId: true,
  visitId: true,
  assessorId: true,
  raisedById: true,
  status: true,
  text: true,
  dueDate: true,
  item: { select: { planId: true, unitCode: true, decision: { select: { criterion: { select: { ref: true } } } } } },
  visit: { select: { title: true } },
} satisfies Prisma.QaActionSelect;

type StepAction = Prisma.QaActionGetPayload<{ select: typeof stepActionSelect }>;

/** One step of the loop, in one transaction: re-checks who may take it and that the action is in a state it starts from. */
async function takeStep(db: Db, actor: Actor, step: Step, actionId: string, text: string, now: Date) {
  return db.$transaction(async (tx): Promise<ActionStepDone> => {
    const action = await tx.qaAction.findUnique({ where: { id: actionId }, select: stepActionSelect });
    if (!action) throw actionNotFound();
    authorize(actor, step.permission, actionResource(action), now);
    const moved = await tx.qaAction.updateMany({
      where: { id: action.id, status: { in: [...step.from] } },
      data: { status: step.to, closedAt: step.to === "closed" ? now : null },
    });
    if (moved.count !== 1) throw new ConflictError(step.refusal);
    const entry = await tx.qaActionEntry.create({
      data: { actionId: action.id, authorId: actor.userId, kind: step.kind, text, at: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: action.centreId,
      action: step.audit,
      entityType: "QaAction",
      entityId: action.id,
      before: { status: action.status },
      after: { status: step.to, entryId: entry.id, text },
      at: now,
    });
    await notifyOfStep(tx, actor, step, action, text);
    return {
      id: action.id,
      status: step.to,
      entryId: entry.id,
      itemId: action.itemId,
      planId: action.item?.planId ?? null,
      visitId: action.visitId,
    };
  });
}

function actionWords(action: StepAction): string {
  if (action.item) return `the QA action on ${action.item.unitCode} ${action.item.decision.criterion.ref}`;
  if (action.visit) return `the QA action from the EQA visit “${action.visit.title}”`;
  return "a QA action";
}

/** A response tells whoever set the action; a close or re-open tells whoever must respond (the assessor, or the admins who answered). */
async function notifyOfStep(tx: Tx, actor: Actor, step: Step, action: StepAction, text: string): Promise<void> {
  // One query at a time: a transaction holds one connection.
  const author = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
  const centre = await tx.centre.findUnique({ where: { id: action.centreId }, select: { timeZone: true } });
  const who = author?.name ?? "Someone";
  const what = actionWords(action);
  const due = formatDate(action.dueDate, timeZoneOf(centre));
  if (step.kind === "response") {
    if (action.raisedById === actor.userId) return;
    await notify(tx, {
      userId: action.raisedById,
      kind: step.notification,
      title: `Response to ${what}`,
      body: `${who} responded to ${what}: “${text}”`,
      link: setterLink(action) ?? undefined,
    });
    return;
  }
  const answerers = action.assessorId
    ? [action.assessorId]
    : (
        await tx.qaActionEntry.findMany({
          where: { actionId: action.id, kind: "response" },
          select: { authorId: true },
          distinct: ["authorId"],
        })
      ).map((e) => e.authorId);
  const verb = step.kind === "close" ? "closed" : "re-opened";
  const after = step.kind === "close" ? "" : ` It is open again, due by ${due}.`;
  await notify(
    tx,
    ...answerers
      .filter((userId) => userId !== actor.userId)
      .map((userId) => ({
        userId,
        kind: step.notification,
        title: `${step.kind === "close" ? "Closed" : "Re-opened"}: ${what}`,
        body: `${who} ${verb} ${what}: “${text}”.${after}`,
        link: answererLink(action) ?? undefined,
      })),
  );
}

/** The assessor the action names (or a centre admin, for a centre-wide EQA action) responds; the action is "responded" until closed. */
export async function respondToAction(
  db: Db,
  actor: Actor,
  rawInput: RespondInput,
  now: Date = new Date(),
): Promise<ActionStepDone> {
  const input = parseInput(RespondInput, rawInput);
  return takeStep(db, actor, steps.response, input.actionId, input.text, now);
}

/** Close or re-open: the same input (the action and a note), one step or the other. */
function settleWith(step: Step) {
  return async (db: Db, actor: Actor, rawInput: CloseInput, now: Date = new Date()): Promise<ActionStepDone> => {
    const input = parseInput(CloseInput, rawInput);
    return takeStep(db, actor, step, input.actionId, input.note, now);
  };
}

/** An IQA of the centre (or the EQA who set it) closes the action with a note. */
export const closeAction = settleWith(steps.close);

/** A closed action is re-opened with a note saying what is still needed; the assessor is told. */
export const reopenAction = settleWith(steps.reopen);
