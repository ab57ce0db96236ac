"use server";

import { revalidatePath } from "next/cache";
import { db } from "../db";
import { changeAssessor } from "../enrolments/change-assessor";
import { textFields } from "../forms/fields";
import { formAction } from "./form-action";

const change = formAction({
  schema: textFields("enrolmentId", "assessorId"),
  run: async (input, actor) => (await changeAssessor(db, actor, input)).assessor?.name ?? "nobody",
  done: (assessorName) => {
    revalidatePath("/admin/enrolments", "layout");
    return `The assessor is now ${assessorName}.`;
  },
});

export async function changeAssessorAction(...form: Parameters<typeof change>) {
  return change(...form);
}
