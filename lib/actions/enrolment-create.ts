"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getActor } from "../auth/session";
import { db } from "../db";
import { createEnrolment } from "../enrolments/create-enrolment";
import { failed, formValues, signedOut, type FormState } from "../enrolments/form-state";

const fields = ["centreId", "candidateId", "unitCode", "assessorId", "iqaId", "startDate", "plannedEndDate"] as const;

/** Enrols a candidate; validation, authorization and the audit record happen in createEnrolment. */
export async function createEnrolmentAction(previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, fields);
  const actor = await getActor();
  if (!actor) return signedOut(previous, values);
  let createdId: string;
  try {
    createdId = (await createEnrolment(db, actor, values)).id;
  } catch (error) {
    return failed(previous, error, values);
  }
  revalidatePath("/admin/enrolments");
  redirect(`/admin/enrolments?created=${encodeURIComponent(createdId)}`);
}
