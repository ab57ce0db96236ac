"use server";

import { revalidatePath } from "next/cache";
import { getActor } from "../auth/session";
import { db } from "../db";
import { failed, formValues, signedOut, succeeded, type FormState } from "../enrolments/form-state";
import { shareWithEqa } from "../enrolments/share-with-eqa";

const fields = ["enrolmentId", "eqaUserId", "lastDay"] as const;

export async function shareWithEqaAction(previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, fields);
  const actor = await getActor();
  if (!actor) return signedOut(previous, values);
  try {
    const share = await shareWithEqa(db, actor, values);
    revalidatePath("/admin/enrolments", "layout");
    return succeeded(previous, share.renewed ? `${share.eqa.name}'s access has been changed.` : `Shared with ${share.eqa.name}.`);
  } catch (error) {
    return failed(previous, error, values);
  }
}
