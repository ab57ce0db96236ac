"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { text, texts } from "../forms/fields";
import { requestTestimony } from "../witness/request-testimony";
import { formAction } from "./form-action";
import { deliverAfterCommit, publicBaseUrl } from "./people-common";

/**
 * Asks a workplace witness for a testimony about criteria of one enrolment (the form on the
 * candidate's and the assessor's witness pages). The link goes only to the witness's email: it
 * is never shown to whoever asked, so a candidate cannot write their own testimony.
 */
const request = formAction({
  schema: z.object({
    enrolmentId: text(100),
    criterionId: texts(),
    witnessName: text(),
    witnessEmail: text(),
    witnessJobTitle: text(),
    witnessRelationship: text(),
  }),
  run: async ({ enrolmentId, criterionId, ...witness }, actor) => {
    const asked = await requestTestimony(
      db,
      actor,
      { ...witness, criteria: criterionId.map((id) => ({ enrolmentId, criterionId: id })) },
      { baseUrl: await publicBaseUrl() },
    );
    await deliverAfterCommit([asked.outboxMessageId]);
    return undefined;
  },
  done: (_, input) => {
    revalidatePath("/candidate", "layout");
    revalidatePath("/assessor", "layout");
    return `Your request has been sent to ${input.witnessName.trim()}. Their link works once, for 14 days; you will be told when they answer.`;
  },
});

export async function requestTestimonyAction(...form: Parameters<typeof request>) {
  return request(...form);
}
