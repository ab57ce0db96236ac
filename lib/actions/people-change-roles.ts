"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { roleLabels } from "../authz/labels";
import { db } from "../db";
import { text, texts } from "../forms/fields";
import { changeRoles } from "../people/change-roles";
import { idSchema } from "../people/schemas";
import { formAction } from "./form-action";
import { parseRequest } from "./people-common";

/** Replaces a member's roles in the admin's centre (the checkboxes on their page). */
const change = formAction({
  schema: z.object({ userId: text(), roles: texts() }),
  run: (input, actor) => changeRoles(db, actor, { userId: parseRequest(idSchema, input.userId), roles: input.roles }),
  done: (result) => {
    revalidatePath("/admin", "layout");
    const list = result.after.map((role) => roleLabels[role]).join(", ");
    return result.changed ? `Roles saved: ${list}.` : `No change: the roles were already ${list}.`;
  },
});

export async function changeRolesAction(...form: Parameters<typeof change>) {
  return change(...form);
}
