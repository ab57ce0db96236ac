"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "../auth/session";
import { roleLabels } from "../authz/labels";
import { db } from "../db";
import { changeRoles } from "../people/change-roles";
import { idSchema } from "../people/schemas";
import { failureOf, text, texts, type Failure } from "./people-common";

export type ChangeRolesState = { submission: number; roles: string[]; result: { ok: true; message: string } | Failure } | null;

/** Replaces a member's roles in the admin's centre (the checkboxes on their page). */
export async function changeRolesAction(previous: ChangeRolesState, formData: FormData): Promise<ChangeRolesState> {
  const actor = await requireActor();
  const submission = (previous?.submission ?? 0) + 1;
  const roles = texts(formData, "roles");
  const userId = idSchema.safeParse(text(formData, "userId"));
  if (!userId.success) return { submission, roles, result: { ok: false, message: "That request was incomplete. Reload the page and try again." } };
  try {
    const result = await changeRoles(db, actor, { userId: userId.data, roles });
    revalidatePath("/admin", "layout");
    const list = result.after.map((role) => roleLabels[role]).join(", ");
    return { submission, roles: result.after, result: { ok: true, message: result.changed ? `Roles saved: ${list}.` : `No change: the roles were already ${list}.` } };
  } catch (error) {
    return { submission, roles, result: failureOf(error) };
  }
}
