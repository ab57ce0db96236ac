"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { AssessmentFormState } from "../assessment/form-state";
import { reviewMapping } from "../assessment/review-mapping";
import { getActor } from "../auth/session";
import { db } from "../db";
import { failed, segment, signedOut, text, texts } from "./assessment-form";

/** Accept or refer back one submitted mapping; the form says which with its `decision` field. */
export async function reviewMappingAction(previous: AssessmentFormState, formData: FormData): Promise<AssessmentFormState> {
  const evidenceId = text(formData, "evidenceId");
  const mappingId = text(formData, "mappingId");
  const decision = text(formData, "decision");
  const values = { feedback: text(formData, "feedback"), rangeItemIds: texts(formData, "rangeItemId") };
  const actor = await getActor();
  if (!actor) return signedOut(previous, values);
  let returned = false;
  try {
    const input =
      decision === "accept"
        ? {
            mappingId,
            decision: "accept" as const,
            // The form lists range checkboxes only for criteria that have a range.
            rangeItemIds: text(formData, "rangeShown") === "yes" ? values.rangeItemIds : undefined,
            feedback: values.feedback,
          }
        : { mappingId, decision: "reject" as const, feedback: values.feedback };
    returned = (await reviewMapping(db, actor, input)).returnedToCandidate;
  } catch (error) {
    return failed(previous, error, values);
  }
  revalidatePath("/assessor", "layout");
  const done = returned ? "returned" : decision === "accept" ? "accepted" : "rejected";
  redirect(`/assessor/review/${segment(evidenceId)}?done=${done}#mapping-${segment(mappingId)}`);
}
