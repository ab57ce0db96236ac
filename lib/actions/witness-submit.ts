"use server";

import { z } from "zod";
import { db } from "../db";
import { text, texts } from "../forms/fields";
import { submitTestimony } from "../witness/submit-testimony";
import { publicFormAction } from "./form-action";

/**
 * The witness's testimony, from the public page at /witness/<token>: no account, the token from
 * the link is the only key, and it works once (lib/witness/submit-testimony.ts).
 */
const submit = publicFormAction({
  schema: z.object({
    token: text(100),
    observed: text(),
    observedOn: text(),
    criterionId: texts(),
    statedRelationship: text(),
    occupationalCompetence: text(),
    signedName: text(),
  }),
  run: async ({ token, criterionId, ...testimony }) => {
    await submitTestimony(db, token, { ...testimony, criterionIds: criterionId });
    return undefined;
  },
  done: () => "Thank you: your testimony has been signed and sent to the assessor. You can close this page.",
});

export async function submitTestimonyAction(...form: Parameters<typeof submit>) {
  return submit(...form);
}
