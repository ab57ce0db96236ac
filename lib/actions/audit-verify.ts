"use server";

import { verifyNow } from "../audit/verify";
import { requireActor } from "../auth/session";
import { centreForRole } from "../enrolments/acting-centre";
import { db } from "../db";
import { failureOf, text, type Failure } from "./people-common";

export type VerifyChainState = { submission: number; result: { ok: boolean; message: string } | Failure } | null;

/**
 * "Verify now" on the audit viewer. scope=platform verifies every chain (platform admins); any
 * other value, the chain of the centre the admin acts in (named by no field, so no other).
 */
export async function verifyAuditChainAction(previous: VerifyChainState, formData: FormData): Promise<VerifyChainState> {
  const actor = await requireActor();
  const submission = (previous?.submission ?? 0) + 1;
  const centreId = text(formData, "scope") === "platform" ? "*" : (centreForRole(actor, "CENTRE_ADMIN")?.centreId ?? actor.active?.centreId ?? "");
  try {
    return { submission, result: await verifyNow(db, actor, centreId) };
  } catch (error) {
    return { submission, result: failureOf(error) };
  }
}
