"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "../auth/session";
import { db } from "../db";
import { changeAssessor } from "../enrolments/change-assessor";
import { failed, formValues, signedOut, succeeded, type FormState } from "../enrolments/form-state";

const fields = ["enrolmentId", "assessorId"] as const;

export async function changeAssessorAction(previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, fields);
  const actor = await getActor();
  if (!actor) return signedOut(previous, values);
  try {
    const updated = await changeAssessor(db, actor, values);
    revalidatePath("/admin/enrolments", "layout");
    return succeeded(previous, `The assessor is now ${updated.assessor?.name ?? "nobody"}.`);
  } catch (error) {
    return failed(previous, error, values);
  }
}
