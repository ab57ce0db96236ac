"use server";

import { revalidatePath } from "next/cache";
import { db } from "../db";
import { shareWithEqa } from "../enrolments/share-with-eqa";
import { textFields } from "../forms/fields";
import { formAction } from "./form-action";

const share = formAction({
  schema: textFields("enrolmentId", "eqaUserId", "lastDay"),
  run: async (input, actor) => {
    const { renewed, eqa } = await shareWithEqa(db, actor, input);
    return renewed ? `${eqa.name}'s access has been changed.` : `Shared with ${eqa.name}.`;
  },
  done: (message) => {
    revalidatePath("/admin/enrolments", "layout");
    return message;
  },
});

export async function shareWithEqaAction(...form: Parameters<typeof share>) {
  return share(...form);
}
