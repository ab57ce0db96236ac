"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "../auth/session";
import { db } from "../db";
import { invitePerson } from "../people/invite-person";
import { deliverAfterCommit, failureOf, publicBaseUrl, text, texts, type Failure } from "./people-common";

export type InviteValues = { name: string; email: string; roles: string[] };
export type InviteSuccess = { ok: true; name: string; email: string; userId: string; message: string; invitationLink: string | null; expiresAt: string | null };
export type InviteFormState = { submission: number; values: InviteValues; result: InviteSuccess | Failure } | null;

/** Adds a person to the admin's centre (the form at /admin/people/new). */
export async function invitePersonAction(previous: InviteFormState, formData: FormData): Promise<InviteFormState> {
  const actor = await requireActor();
  const values: InviteValues = { name: text(formData, "name"), email: text(formData, "email"), roles: texts(formData, "roles") };
  const submission = (previous?.submission ?? 0) + 1;
  try {
    const result = await invitePerson(db, actor, values, { baseUrl: await publicBaseUrl() });
    await deliverAfterCommit(result.outboxMessageIds);
    revalidatePath("/admin", "layout");
    return {
      submission,
      values: { name: "", email: "", roles: [] },
      result: { ok: true, name: result.name, email: result.email, userId: result.userId, message: result.message, invitationLink: result.invitationLink, expiresAt: result.expiresAt },
    };
  } catch (error) {
    return { submission, values, result: failureOf(error) };
  }
}
