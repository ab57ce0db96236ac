"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { updateObservation } from "../observation/update-observation";
import { formAction } from "./form-action";

/** Its author corrects an observation's details (updateObservation decides whether it still may). */
const update = formAction({
  schema: textFields(
    "evidenceId",
    "title",
    "activityDate",
    "startTime",
    "endTime",
    "location",
    "description",
    "agenda",
  ),
  run: (input, actor) => updateObservation(db, actor, input),
  done: (_, input) => {
    const id = encodeURIComponent(input.evidenceId);
    revalidatePath(`/assessor/observations/${id}`);
    redirect(`/assessor/observations/${id}?done=updated`);
  },
});

export async function updateObservationAction(...form: Parameters<typeof update>) {
  return update(...form);
}
