"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "../db";
import type { EnrolmentSummary } from "../enrolments/dto";
import { enrolMany } from "../enrolments/enrol-many";
import { text, texts } from "../forms/fields";
import { formAction } from "./form-action";

/** One line of the report the form shows after enrolling several: what the admin needs to find it. */
export type EnrolledPair = { id: string; candidateName: string; unitCode: string; versionNumber: number };
export type EnrolReport = { created: EnrolledPair[]; alreadyEnrolled: EnrolledPair[] };

const pair = (e: EnrolmentSummary): EnrolledPair => ({
  id: e.id,
  candidateName: e.candidate.name,
  unitCode: e.unit.code,
  versionNumber: e.unit.versionNumber,
});
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Enrols every ticked candidate on every ticked unit; validation, authorization and the audit
 * records happen in enrolMany. One new enrolment and nothing skipped goes to the list, as it
 * always has; anything more stays on the form with a report of what was made and skipped.
 */
const create = formAction({
  schema: z.object({
    centreId: text(),
    candidateId: texts(),
    unitCode: texts(),
    assessorId: text(),
    iqaId: text(),
    startDate: text(),
    plannedEndDate: text(),
  }),
  run: async (input, actor): Promise<EnrolReport> => {
    const report = await enrolMany(db, actor, input);
    return { created: report.created.map(pair), alreadyEnrolled: report.alreadyEnrolled.map(pair) };
  },
  done: (report) => {
    revalidatePath("/admin/enrolments");
    const only = report.created[0];
    if (only && report.created.length === 1 && report.alreadyEnrolled.length === 0)
      redirect(`/admin/enrolments?created=${encodeURIComponent(only.id)}`);
    const skipped = report.alreadyEnrolled.length;
    return `Done: ${count(report.created.length, "enrolment", "enrolments")} made.${skipped ? ` ${count(skipped, "was", "were")} already enrolled and left as ${skipped === 1 ? "it was" : "they were"}.` : ""}`;
  },
});

export async function createEnrolmentAction(...form: Parameters<typeof create>) {
  return create(...form);
}
