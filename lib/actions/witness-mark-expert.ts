"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { text } from "../forms/fields";
import { markExpertWitness } from "../witness/mark-expert";
import { formAction } from "./form-action";

/** The assessor judges a testimony's witness occupationally competent in the area: an expert witness. */
const mark = formAction({
  schema: z.object({ evidenceId: text(100) }),
  run: async (input, actor) => {
    await markExpertWitness(db, actor, input);
    return undefined;
  },
  done: () => {
    refresh();
    return "Marked as an expert witness.";
  },
});

export async function markExpertWitnessAction(...form: Parameters<typeof mark>) {
  return mark(...form);
}
