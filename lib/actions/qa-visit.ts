"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "../db";
import { text, texts, ticked } from "../forms/fields";
import { cancelVisit, changeVisitDates, createVisit, recordFinding, type VisitScopeKind } from "../qa/visits";
import { formAction } from "./form-action";

// The forms of EQA visits: the admin arranges, moves and cancels a visit; the EQA records
// findings. Each calls its domain function in lib/qa/visits.ts, which authorizes and audits.

const adminVisit = (id: string) => `/admin/visits/${encodeURIComponent(id)}`;

const create = formAction({
  schema: z.object({
    centreId: text(),
    eqaUserId: text(),
    title: text(),
    firstDay: text(),
    lastDay: text(),
    scopeKind: text(),
    unitCodes: texts(),
    candidateIds: texts(),
    planId: text(),
  }),
  run: (input, actor) => createVisit(db, actor, { ...input, scopeKind: input.scopeKind as VisitScopeKind }),
  done: (visit) => {
    revalidatePath("/admin/visits");
    redirect(`${adminVisit(visit.id)}?created=${visit.shares}`);
  },
});

export async function createVisitAction(...form: Parameters<typeof create>) {
  return create(...form);
}

const move = formAction({
  schema: z.object({ visitId: text(), firstDay: text(), lastDay: text() }),
  run: (input, actor) => changeVisitDates(db, actor, input),
  done: (visit) => {
    revalidatePath(adminVisit(visit.id));
    revalidatePath("/admin/visits");
    return "The visit's days have been changed, and its portfolios open on the new days.";
  },
});

export async function changeVisitDatesAction(...form: Parameters<typeof move>) {
  return move(...form);
}

const cancel = formAction({
  schema: z.object({
    visitId: text(),
    confirm: text().refine((value) => value === "yes", "Tick the box to confirm you want to cancel this visit."),
  }),
  run: (input, actor) => cancelVisit(db, actor, { visitId: input.visitId }),
  done: (visit) => {
    revalidatePath(adminVisit(visit.id));
    revalidatePath("/admin/visits");
    return `The visit has been cancelled; ${visit.sharesRemoved} portfolio${visit.sharesRemoved === 1 ? " is" : "s are"} no longer open to the EQA through it.`;
  },
});

export async function cancelVisitAction(...form: Parameters<typeof cancel>) {
  return cancel(...form);
}

const finding = formAction({
  schema: z.object({
    visitId: text(),
    text: text(),
    needsAction: ticked(),
    dueDate: text(),
    assessorId: text(),
  }),
  run: (input, actor) => recordFinding(db, actor, input),
  done: (recorded, input) => {
    revalidatePath(`/eqa/visits/${encodeURIComponent(input.visitId)}`);
    return recorded.actionId ? "Finding recorded, with an action for the centre to respond to." : "Finding recorded.";
  },
});

export async function recordFindingAction(...form: Parameters<typeof finding>) {
  return finding(...form);
}
