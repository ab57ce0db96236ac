"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "../db";
import { text, texts, ticked } from "../forms/fields";
import { recordObservation } from "../observation/record-observation";
import { observationCriteriaFrom } from "../observation/form-criteria";
import { formAction } from "./form-action";

/**
 * Records an observation from the form on the assessor's enrolment page, then opens it so files
 * (photos, audio, video) can be added. The criteria and range items are checkboxes of one enrolment.
 */
const record = formAction({
  schema: z.object({
    enrolmentId: text(),
    title: text(),
    activityDate: text(),
    startTime: text(),
    endTime: text(),
    location: text(),
    description: text(),
    agenda: text(),
    kind: text(),
    plannedActivityId: text(),
    simulated: ticked(),
    criterionIds: texts(),
    rangeItems: texts(),
  }),
  run: ({ enrolmentId, criterionIds, rangeItems, kind, plannedActivityId, ...details }, actor) =>
    recordObservation(db, actor, {
      ...details,
      // A form that sends no kind records an observation, as the first version of this form did.
      kind: kind || undefined,
      plannedActivityId: plannedActivityId || undefined,
      criteria: observationCriteriaFrom(enrolmentId, criterionIds, rangeItems),
    }),
  done: (recorded, input) => {
    revalidatePath(`/assessor/enrolments/${encodeURIComponent(input.enrolmentId)}`);
    redirect(`/assessor/observations/${encodeURIComponent(recorded.id)}?done=recorded`);
  },
});

export async function recordObservationAction(...form: Parameters<typeof record>) {
  return record(...form);
}
