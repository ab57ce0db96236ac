"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { AssessmentFormState } from "../assessment/form-state";
import { signOffUnit } from "../assessment/sign-off-unit";
import { getActor } from "../auth/session";
import { db } from "../db";
import { failed, segment, signedOut, text } from "./assessment-form";

export async function signOffUnitAction(previous: AssessmentFormState, formData: FormData): Promise<AssessmentFormState> {
  const enrolmentId = text(formData, "enrolmentId");
  const values = { declaration: text(formData, "declaration") };
  const actor = await getActor();
  if (!actor) return signedOut(previous, values);
  try {
    await signOffUnit(db, actor, { enrolmentId, declaration: values.declaration, password: text(formData, "password") });
  } catch (error) {
    return failed(previous, error, values);
  }
  revalidatePath("/assessor", "layout");
  redirect(`/assessor/enrolments/${segment(enrolmentId)}?done=signedOff#sign-off`);
}
