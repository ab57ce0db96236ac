"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { text } from "../forms/fields";
import { revokeTestimonyRequest } from "../witness/revoke-request";
import { formAction } from "./form-action";

/** Takes back a request the witness has not answered: its link stops working. */
const revoke = formAction({
  schema: z.object({ requestId: text(100) }),
  run: async (input, actor) => {
    await revokeTestimonyRequest(db, actor, input);
    return undefined;
  },
  done: () => {
    revalidatePath("/candidate", "layout");
    revalidatePath("/assessor", "layout");
    return "Request revoked: the witness's link no longer works.";
  },
});

export async function revokeTestimonyRequestAction(...form: Parameters<typeof revoke>) {
  return revoke(...form);
}
