import { z } from "zod";
import { AppError } from "../errors";
import { evidenceFormValuesFrom } from "../evidence/evidence-form-schema";
import { text } from "../forms/fields";
import type { FormFields } from "../forms/read-form";

// What the evidence form's actions share (this file is not itself a "use server" module).

export const noCentreMessage =
  "You are not acting as a candidate at a centre. Choose your candidate role with “Acting as” at the top of the page.";

/** The evidence form's fields as the domain reads them; its rules are the domain's (evidenceFormSchema). */
export const evidenceFormFields = z.unknown().transform((fields) => evidenceFormValuesFrom(fields as FormFields));

/** An evidence id bound to an action by its page, checked before any work is done with it; the other fields pass through. */
export const boundEvidenceId = (gone: string) =>
  z.looseObject({ evidenceId: text().pipe(z.string().min(1, gone).max(64, gone)) });

/** The candidate's centre, or a refusal saying how to act as a candidate. */
export function candidateCentreOf(actor: { active?: { role: string; centreId: string } | null }): string {
  if (actor.active?.role !== "CANDIDATE") throw new AppError(noCentreMessage);
  return actor.active.centreId;
}
