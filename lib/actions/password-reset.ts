"use server";

import { requireActor } from "../auth/session";
import { requestPasswordReset, resetMessages, resetPassword, sendPasswordResetLink } from "../auth/password-reset";
import { db } from "../db";
import { idSchema } from "../people/schemas";
import { choosePasswordFromLink, deliverAfterCommit, failureOf, publicBaseUrl, text, type ChoosePasswordState, type Failure } from "./people-common";

export type RequestResetState = { submission: number; email: string; result: { ok: true; message: string } | Failure } | null;

/** Public: mails a reset link if the email has an account; the answer is the same either way. */
export async function requestPasswordResetAction(previous: RequestResetState, formData: FormData): Promise<RequestResetState> {
  const submission = (previous?.submission ?? 0) + 1;
  const email = text(formData, "email").slice(0, 400);
  try {
    const { outboxMessageIds } = await requestPasswordReset(db, email, { baseUrl: await publicBaseUrl() });
    await deliverAfterCommit(outboxMessageIds);
    return { submission, email, result: { ok: true, message: resetMessages.requested } };
  } catch (error) {
    return { submission, email, result: failureOf(error) };
  }
}

/** Public: the new password, from the link in the mail. */
export async function resetPasswordAction(previous: ChoosePasswordState, formData: FormData): Promise<ChoosePasswordState> {
  return choosePasswordFromLink(previous, formData, (input) => resetPassword(db, input));
}

export type SendResetState = { submission: number; result: { ok: true; message: string } | Failure } | null;

/** A centre admin sends a member a reset link (to the member's email; the admin never sees it). */
export async function sendPasswordResetAction(previous: SendResetState, formData: FormData): Promise<SendResetState> {
  const actor = await requireActor();
  const submission = (previous?.submission ?? 0) + 1;
  const userId = idSchema.safeParse(text(formData, "userId"));
  if (!userId.success) return { submission, result: { ok: false, message: "That request was incomplete. Reload the page and try again." } };
  try {
    const sent = await sendPasswordResetLink(db, actor, { userId: userId.data }, { baseUrl: await publicBaseUrl() });
    await deliverAfterCommit(sent.outboxMessageIds);
    return { submission, result: { ok: true, message: `A link to choose a new password has been sent to ${sent.email}. It works once, for an hour.` } };
  } catch (error) {
    return { submission, result: failureOf(error) };
  }
}
