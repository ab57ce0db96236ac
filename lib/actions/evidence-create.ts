"use server";

import { redirect } from "next/navigation";
import { requireActor } from "../auth/session";
import { db } from "../db";
import { createEvidence } from "../evidence/create-evidence";
import { evidenceFormValuesFrom, type EvidenceFormState } from "../evidence/evidence-form-schema";
import { noCentreMessage, refusedEvidenceForm } from "./evidence-form-state";

/** Adds evidence to the signed-in candidate's library, then opens it so files can be added. */
export async function createEvidenceAction(previous: EvidenceFormState, formData: FormData): Promise<EvidenceFormState> {
  const actor = await requireActor();
  const values = evidenceFormValuesFrom(formData);
  if (actor.active?.role !== "CANDIDATE") return { attempt: previous.attempt + 1, values, message: noCentreMessage, fieldErrors: {} };
  let created: { id: string };
  try {
    created = await createEvidence(db, actor, actor.active.centreId, values);
  } catch (error) {
    return refusedEvidenceForm(error, previous, values);
  }
  redirect(`/candidate/evidence/${encodeURIComponent(created.id)}?saved=created`);
}
