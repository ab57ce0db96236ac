"use server";

import { z } from "zod";
import { requestPasswordReset, resetMessages, resetPassword, sendPasswordResetLink } from "../auth/password-reset";
import { db } from "../db";
import { text, textFields } from "../forms/fields";
import { idSchema } from "../people/schemas";
import { formAction, publicFormAction } from "./form-action";
import { choosePasswordAction, deliverAfterCommit, parseRequest, publicBaseUrl } from "./people-common";

/** Public: mails a reset link if the email has an account; the answer is the same either way. */
const request = publicFormAction({
  schema: z.object({ email: text(400) }),
  run: async (input) => {
    const { outboxMessageIds } = await requestPasswordReset(db, input.email, { baseUrl: await publicBaseUrl() });
    await deliverAfterCommit(outboxMessageIds);
  },
  done: () => resetMessages.requested,
});

export async function requestPasswordResetAction(...form: Parameters<typeof request>) {
  return request(...form);
}

/** Public: the new password, from the link in the mail. */
const reset = choosePasswordAction((input) => resetPassword(db, input));

export async function resetPasswordAction(...form: Parameters<typeof reset>) {
  return reset(...form);
}

/** A centre admin sends a member a reset link (to the member's email; the admin never sees it). */
const send = formAction({
  schema: textFields("userId"),
  run: async (input, actor) => {
    const userId = parseRequest(idSchema, input.userId);
    const sent = await sendPasswordResetLink(db, actor, { userId }, { baseUrl: await publicBaseUrl() });
    await deliverAfterCommit(sent.outboxMessageIds);
    return sent.email;
  },
  done: (email) => `A link to choose a new password has been sent to ${email}. It works once, for an hour.`,
});

export async function sendPasswordResetAction(...form: Parameters<typeof send>) {
  return send(...form);
}
