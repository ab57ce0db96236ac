"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireActor } from "../auth/session";
import { ForbiddenError } from "../authz/policy";
import { db } from "../db";
import { AppError } from "../errors";
import { deleteEvidence } from "../evidence/delete-evidence";

const EvidenceId = z.string().min(1).max(64);

/** Deletes the candidate's own evidence; bound to the evidence's id by its page. */
export async function deleteEvidenceAction(evidenceId: string, _previous: { message: string | null }, _formData: FormData): Promise<{ message: string | null }> {
  const actor = await requireActor();
  const id = EvidenceId.safeParse(evidenceId);
  if (!id.success) return { message: "That evidence does not exist or has already been deleted." };
  try {
    await deleteEvidence(db, actor, id.data);
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof AppError) return { message: error.userMessage };
    throw error;
  }
  redirect("/candidate/evidence?deleted=1");
}
