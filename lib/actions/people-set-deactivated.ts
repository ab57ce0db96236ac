"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { idSchema } from "../people/schemas";
import { setDeactivated } from "../people/set-deactivated";
import { formAction } from "./form-action";
import { parseRequest } from "./people-common";

/** The page's hidden fields: who, and which way. */
const request = z.object({
  userId: idSchema,
  deactivated: z.enum(["true", "false"]).transform((value) => value === "true"),
});

/** Deactivates or reactivates a member of the admin's centre (the button on their page). */
const set = formAction({
  schema: textFields("userId", "deactivated"),
  run: (input, actor) => setDeactivated(db, actor, parseRequest(request, input)),
  done: (result) => {
    revalidatePath("/admin", "layout");
    const message =
      result.status === "deactivated"
        ? `${result.name} is deactivated at this centre. Their roles here have ended until you reactivate them.`
        : `${result.name} is reactivated at this centre. Their roles here work again.`;
    return result.changed ? message : `No change: ${message}`;
  },
});

export async function setDeactivatedAction(...form: Parameters<typeof set>) {
  return set(...form);
}
