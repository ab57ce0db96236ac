"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "../auth/session";
import { db } from "../db";
import { resendInvitation } from "../people/resend-invitation";
import { idSchema } from "../people/schemas";
import { deliverAfterCommit, failureOf, publicBaseUrl, text, type Failure } from "./people-common";

export type ResendInvitationState = { submission: number; result: { ok: true; invitationLink: string; expiresAt: string } | Failure } | null;

/** A new invitation link for someone who has not set their password yet. */
export async function resendInvitationAction(previous: ResendInvitationState, formData: FormData): Promise<ResendInvitationState> {
  const actor = await requireActor();
  const submission = (previous?.submission ?? 0) + 1;
  const userId = idSchema.safeParse(text(formData, "userId"));
  if (!userId.success) return { submission, result: { ok: false, message: "That request was incomplete. Reload the page and try again." } };
  try {
    const result = await resendInvitation(db, actor, { userId: userId.data }, { baseUrl: await publicBaseUrl() });
    await deliverAfterCommit(result.outboxMessageIds);
    revalidatePath("/admin", "layout");
    return { submission, result: { ok: true, invitationLink: result.invitationLink, expiresAt: result.expiresAt } };
  } catch (error) {
    return { submission, result: failureOf(error) };
  }
}
