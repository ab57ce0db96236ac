"use server";

import { revalidatePath } from "next/cache";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { createCentre } from "../platform/create-centre";
import { formAction } from "./form-action";

/** Creates a training centre (the form on /platform); only platform admins may. Audited in the same transaction. */
const create = formAction({
  schema: textFields("name", "slug", "timeZone"),
  run: async (input, actor) => (await createCentre(db, actor, input)).name,
  done: (name) => {
    revalidatePath("/platform");
    return `${name} has been created. Invite its first centre admin below, under “Invite a centre admin”.`;
  },
});

export async function createCentreAction(...form: Parameters<typeof create>) {
  return create(...form);
}
