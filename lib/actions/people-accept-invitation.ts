"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { text } from "../forms/fields";
import { acceptInvitation, acceptInvitationSignedIn } from "../people/accept-invitation";
import { formAction } from "./form-action";
import { choosePasswordAction, keepNothing } from "./people-common";

/** Public: sets a new account's first password and accepts the invitation. The token in the form is the one from the link. */
const accept = choosePasswordAction((input) => acceptInvitation(db, input));

export async function acceptInvitationAction(...form: Parameters<typeof accept>) {
  return accept(...form);
}

/** Accepts the invitation for the account signed in now (someone who already had a password). */
const acceptSignedIn = formAction({
  schema: z.object({ token: text(100) }),
  run: (input, actor) => acceptInvitationSignedIn(db, actor.userId, input.token),
  done: ({ centreName }) => {
    revalidatePath("/", "layout");
    return `You have joined ${centreName}. Choose it with "Acting as" at the top of the page.`;
  },
  values: keepNothing,
});

export async function acceptInvitationSignedInAction(...form: Parameters<typeof acceptSignedIn>) {
  return acceptSignedIn(...form);
}
