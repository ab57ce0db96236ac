"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "../auth/session";
import { db } from "../db";
import { failed, formValues, signedOut, succeeded, type FormState } from "../enrolments/form-state";
import { EnrolmentInputError } from "../enrolments/input";
import { withdrawEnrolment } from "../enrolments/withdraw-enrolment";

const fields = ["enrolmentId", "reason", "confirm"] as const;

export async function withdrawEnrolmentAction(previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, fields);
  const actor = await getActor();
  if (!actor) return signedOut(previous, values);
  try {
    if (values.confirm !== "yes") {
      throw EnrolmentInputError.forField("confirm", "Tick the box to confirm you want to withdraw this enrolment.");
    }
    await withdrawEnrolment(db, actor, { enrolmentId: values.enrolmentId, reason: values.reason });
    revalidatePath("/admin/enrolments", "layout");
    return succeeded(previous, "The enrolment has been withdrawn. Its record and evidence are kept.");
  } catch (error) {
    return failed(previous, error, values);
  }
}
