"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { text, texts } from "../forms/fields";
import { invitePerson, type InvitePersonResult } from "../people/invite-person";
import { formAction } from "./form-action";
import { deliverAfterCommit, publicBaseUrl } from "./people-common";

/** What the form shows once the person is added: what happened, the link to pass on and where to find them. */
export type InvitedPerson = Omit<InvitePersonResult, "outboxMessageIds" | "rolesAdded">;

/** Adds a person to the admin's centre (the form at /admin/people/new). */
const invite = formAction({
  schema: z.object({ name: text(), email: text(), roles: texts() }),
  run: async (input, actor) => {
    const invited = await invitePerson(db, actor, input, { baseUrl: await publicBaseUrl() });
    await deliverAfterCommit(invited.outboxMessageIds);
    const { userId, name, email, invitationLink, expiresAt, message } = invited;
    return { userId, name, email, invitationLink, expiresAt, message } satisfies InvitedPerson;
  },
  done: ({ message }) => {
    revalidatePath("/admin", "layout");
    return message;
  },
});

export async function invitePersonAction(...form: Parameters<typeof invite>) {
  return invite(...form);
}
