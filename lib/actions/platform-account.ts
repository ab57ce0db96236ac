"use server";

import { z } from "zod";
import { db } from "../db";
import { text } from "../forms/fields";
import { setAccountDisabled } from "../platform/account-status";
import { formAction } from "./form-action";

/** Platform admins: disable or enable an account at every centre (the button pressed sends `disabled`). */
const setStatus = formAction({
  schema: z.object({ email: text(400), disabled: text() }),
  run: (input, actor) => setAccountDisabled(db, actor, { email: input.email, disabled: input.disabled !== "false" }),
  done: (result, input) => {
    const what =
      input.disabled !== "false"
        ? `${result.email} is disabled: it cannot sign in anywhere, and its sessions have ended.`
        : `${result.email} can sign in again.`;
    return result.changed ? what : `No change: ${what}`;
  },
});

export async function setAccountDisabledAction(...form: Parameters<typeof setStatus>) {
  return setStatus(...form);
}
