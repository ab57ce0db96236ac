"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { withdrawEnrolment } from "../enrolments/withdraw-enrolment";
import { text } from "../forms/fields";
import { formAction } from "./form-action";

const withdraw = formAction({
  schema: z.object({
    enrolmentId: text(),
    reason: text(),
    confirm: text().refine((value) => value === "yes", "Tick the box to confirm you want to withdraw this enrolment."),
  }),
  run: async (input, actor) => {
    await withdrawEnrolment(db, actor, { enrolmentId: input.enrolmentId, reason: input.reason });
  },
  done: () => {
    revalidatePath("/admin/enrolments", "layout");
    return "The enrolment has been withdrawn. Its record and evidence are kept.";
  },
});

export async function withdrawEnrolmentAction(...form: Parameters<typeof withdraw>) {
  return withdraw(...form);
}
