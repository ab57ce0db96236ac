"use server";

import { revalidatePath } from "next/cache";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { resendInvitation } from "../people/resend-invitation";
import { idSchema } from "../people/schemas";
import { formAction } from "./form-action";
import { deliverAfterCommit, parseRequest, publicBaseUrl } from "./people-common";

/** A new invitation link for someone who has not set their password yet. */
const resend = formAction({
  schema: textFields("userId"),
  run: async (input, actor) => {
    const userId = parseRequest(idSchema, input.userId);
    const result = await resendInvitation(db, actor, { userId }, { baseUrl: await publicBaseUrl() });
    await deliverAfterCommit(result.outboxMessageIds);
    return { invitationLink: result.invitationLink, expiresAt: result.expiresAt };
  },
  done: () => {
    revalidatePath("/admin", "layout");
    return undefined;
  },
});

export async function resendInvitationAction(...form: Parameters<typeof resend>) {
  return resend(...form);
}
