"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { AssessmentFormState } from "../assessment/form-state";
import { revoke, type RevokeInput } from "../assessment/revoke";
import { getActor } from "../auth/session";
import { db } from "../db";
import { failed, segment, signedOut, text } from "./assessment-form";

/** Revokes a decision or a unit sign-off with a reason and the revoker's password; `kind` says which. */
export async function revokeAction(previous: AssessmentFormState, formData: FormData): Promise<AssessmentFormState> {
  const enrolmentId = text(formData, "enrolmentId");
  const kind = text(formData, "kind");
  const id = text(formData, "id");
  const values = { reason: text(formData, "reason") };
  const actor = await getActor();
  if (!actor) return signedOut(previous, values);
  let done = "revoked";
  try {
    const result = await revoke(db, actor, { kind: kind as RevokeInput["kind"], id, reason: values.reason, password: text(formData, "password") });
    done = result.kind === "unitSignOff" ? "signOffRevoked" : result.alsoRevokedUnitSignOffId !== null ? "reopened" : "revoked";
  } catch (error) {
    return failed(previous, error, values);
  }
  revalidatePath("/assessor", "layout");
  redirect(`/assessor/enrolments/${segment(enrolmentId)}?done=${done}`);
}
