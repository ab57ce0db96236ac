"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { signOffUnit } from "../assessment/sign-off-unit";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { formAction } from "./form-action";

const signOff = formAction({
  schema: textFields("enrolmentId", "declaration", "password"),
  run: async (input, actor) => {
    await signOffUnit(db, actor, input);
  },
  done: (_, input) => {
    revalidatePath("/assessor", "layout");
    redirect(`/assessor/enrolments/${encodeURIComponent(input.enrolmentId)}?done=signedOff#sign-off`);
  },
});

export async function signOffUnitAction(...form: Parameters<typeof signOff>) {
  return signOff(...form);
}
