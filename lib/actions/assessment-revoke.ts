"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { revoke, type RevokeInput } from "../assessment/revoke";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { formAction } from "./form-action";

/** Revokes a decision or a unit sign-off with a reason and the revoker's password; `kind` says which. */
const revokeForm = formAction({
  schema: textFields("enrolmentId", "kind", "id", "reason", "password"),
  run: async (input, actor) => {
    const result = await revoke(db, actor, { ...input, kind: input.kind as RevokeInput["kind"] });
    if (result.kind === "unitSignOff") return "signOffRevoked";
    return result.alsoRevokedUnitSignOffId !== null ? "reopened" : "revoked";
  },
  done: (done, input) => {
    revalidatePath("/assessor", "layout");
    redirect(`/assessor/enrolments/${encodeURIComponent(input.enrolmentId)}?done=${done}`);
  },
});

export async function revokeAction(...form: Parameters<typeof revokeForm>) {
  return revokeForm(...form);
}
