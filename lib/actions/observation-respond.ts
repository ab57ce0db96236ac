"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "../db";
import { textFields } from "../forms/fields";
import type { RespondToObservationInput } from "../observation/input";
import { respondToObservation } from "../observation/respond-to-observation";
import { formAction } from "./form-action";

/** The candidate confirms an observation of them as accurate, or disputes it with a comment. */
const respond = formAction({
  schema: textFields("evidenceId", "response", "comment"),
  // respondToObservation validates the response (zod); a value other than the form's two is refused there.
  run: (input, actor) =>
    respondToObservation(db, actor, { ...input, response: input.response as RespondToObservationInput["response"] }),
  done: (answered) => {
    const id = encodeURIComponent(answered.evidenceId);
    revalidatePath(`/candidate/evidence/${id}`);
    redirect(
      `/candidate/evidence/${id}?saved=${answered.response === "CONFIRMED" ? "observationConfirmed" : "observationDisputed"}`,
    );
  },
});

export async function respondToObservationAction(...form: Parameters<typeof respond>) {
  return respond(...form);
}
