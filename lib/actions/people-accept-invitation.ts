"use server";

import { db } from "../db";
import { acceptInvitation } from "../people/accept-invitation";
import { failureOf, text, type Failure } from "./people-common";

export type AcceptInvitationState = { submission: number; result: { ok: true; email: string } | Failure } | null;

/** Public: sets the invited person's password. The token in the form is the one from the link. */
export async function acceptInvitationAction(previous: AcceptInvitationState, formData: FormData): Promise<AcceptInvitationState> {
  const submission = (previous?.submission ?? 0) + 1;
  try {
    const { email } = await acceptInvitation(db, {
      token: text(formData, "token").slice(0, 100),
      password: text(formData, "password").slice(0, 1000),
      confirmPassword: text(formData, "confirmPassword").slice(0, 1000),
    });
    return { submission, result: { ok: true, email } };
  } catch (error) {
    return { submission, result: failureOf(error) };
  }
}
