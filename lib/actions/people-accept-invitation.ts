"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "../auth/session";
import { db } from "../db";
import { acceptInvitation, acceptInvitationSignedIn } from "../people/accept-invitation";
import { choosePasswordFromLink, failureOf, text, type ChoosePasswordState, type Failure } from "./people-common";

export type AcceptInvitationState = ChoosePasswordState;

/** Public: sets a new account's first password and accepts the invitation. The token in the form is the one from the link. */
export async function acceptInvitationAction(previous: AcceptInvitationState, formData: FormData): Promise<AcceptInvitationState> {
  return choosePasswordFromLink(previous, formData, (input) => acceptInvitation(db, input));
}

export type AcceptSignedInState = { submission: number; result: { ok: true; message: string } | Failure } | null;

/** Accepts the invitation for the account signed in now (someone who already had a password). */
export async function acceptInvitationSignedInAction(previous: AcceptSignedInState, formData: FormData): Promise<AcceptSignedInState> {
  const submission = (previous?.submission ?? 0) + 1;
  const actor = await requireActor();
  try {
    const { centreName } = await acceptInvitationSignedIn(db, actor.userId, text(formData, "token").slice(0, 100));
    revalidatePath("/", "layout");
    return { submission, result: { ok: true, message: `You have joined ${centreName}. Choose it with "Acting as" at the top of the page.` } };
  } catch (error) {
    return { submission, result: failureOf(error) };
  }
}
