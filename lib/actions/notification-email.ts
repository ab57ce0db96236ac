"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { text } from "../forms/fields";
import { emailLinkSecret } from "../jobs/runtime";
import { setNotificationEmail, unsubscribe } from "../notify/email";
import { formAction, publicFormAction } from "./form-action";

const choiceWords = {
  none: "You will get no emails about notifications; they stay under Notifications.",
  immediate: "You will get an email for each notification.",
  daily: "You will get one email a day listing your unread notifications.",
} as const;

/** Your account: the signed-in person chooses how notifications reach them by email (their own account only). */
const choose = formAction({
  schema: z.object({ notificationEmail: text(20) }),
  run: (input, actor) => setNotificationEmail(db, actor, input),
  done: (choice) => {
    revalidatePath("/account");
    return choiceWords[choice];
  },
});

export async function setNotificationEmailAction(...form: Parameters<typeof choose>) {
  return choose(...form);
}

/**
 * Public: the unsubscribe link's button. No session: the signed token in the link names the
 * person, and nobody can make one for someone else (lib/notify/email.ts).
 */
const stop = publicFormAction({
  schema: z.object({ token: text(300) }),
  run: async ({ token }) => {
    if (!(await unsubscribe(db, token, emailLinkSecret())))
      throw new AppError(
        "This unsubscribe link is not valid: copy the whole link from the email. Or sign in and change your choice under Your account.",
      );
  },
  done: () => "Done: you will get no more emails about notifications. You can turn them back on under Your account.",
});

export async function unsubscribeAction(...form: Parameters<typeof stop>) {
  return stop(...form);
}
