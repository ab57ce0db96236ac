"use server";

import { revalidatePath } from "next/cache";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { inviteCentreAdmin } from "../platform/invite-centre-admin";
import { formAction } from "./form-action";
import { deliverAfterCommit, publicBaseUrl } from "./people-common";

/** Platform admins: invite a centre's (first) admin, from /platform. */
const invite = formAction({
  schema: textFields("centreId", "name", "email"),
  run: async (input, actor) => {
    const result = await inviteCentreAdmin(db, actor, input, { baseUrl: await publicBaseUrl() });
    await deliverAfterCommit(result.outboxMessageIds);
    return { message: result.message, email: result.email, invitationLink: result.invitationLink };
  },
  done: ({ message }) => {
    revalidatePath("/platform");
    return message;
  },
});

export async function inviteCentreAdminAction(...form: Parameters<typeof invite>) {
  return invite(...form);
}
