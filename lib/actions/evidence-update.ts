"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActor } from "../auth/session";
import { db } from "../db";
import { evidenceFormValuesFrom, type EvidenceFormState } from "../evidence/evidence-form-schema";
import { updateEvidence } from "../evidence/update-evidence";
import { refusedEvidenceForm } from "./evidence-form-state";

const EvidenceId = z.string().min(1).max(64);

/** Saves changes to the candidate's own evidence; bound to the evidence's id by the edit page. */
export async function updateEvidenceAction(evidenceId: string, previous: EvidenceFormState, formData: FormData): Promise<EvidenceFormState> {
  const actor = await requireActor();
  const values = evidenceFormValuesFrom(formData);
  const id = EvidenceId.safeParse(evidenceId);
  if (!id.success) return { attempt: previous.attempt + 1, values, message: "That evidence does not exist or has been removed.", fieldErrors: {} };
  try {
    await updateEvidence(db, actor, id.data, values);
  } catch (error) {
    return refusedEvidenceForm(error, previous, values);
  }
  redirect(`/candidate/evidence/${encodeURIComponent(id.data)}?saved=updated`);
}
