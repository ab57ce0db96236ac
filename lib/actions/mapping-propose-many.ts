"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { text, texts } from "../forms/fields";
import { claimsFromForm } from "../mapping/claims-form";
import { proposeMappings } from "../mapping/propose-mappings";
import { formAction } from "./form-action";

/**
 * Form fields: evidenceId, enrolmentId, criterionId, rangeItemId (repeated) for the criterion
 * being mapped; `also` and `alsoRangeItem` (repeated) for its equivalents in other units
 * (lib/mapping/claims-form.ts). Each claim's outcome is in the data; a unit refusing its claim
 * leaves the others mapped.
 */
const proposeMany = formAction({
  schema: z.object({
    evidenceId: text(),
    enrolmentId: text(),
    criterionId: text(),
    rangeItemId: texts(),
    also: texts(),
    alsoRangeItem: texts(),
  }),
  run: ({ evidenceId, ...fields }, actor) => proposeMappings(db, actor, { evidenceId, claims: claimsFromForm(fields) }),
  done: (result) => {
    if (result.mapped > 0) refresh();
    return result.outcomes.map((o) => o.message).join(" ");
  },
});

export async function proposeMappingsAction(...form: Parameters<typeof proposeMany>) {
  return proposeMany(...form);
}
