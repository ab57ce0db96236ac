"use server";

import { requireActor } from "../auth/session";
import { db } from "../db";
import { setAccountDisabled } from "../platform/account-status";
import { failureOf, text, type Failure } from "./people-common";

export type AccountStatusState = { submission: number; email: string; result: { ok: true; message: string } | Failure } | null;

/** Platform admins: disable or enable an account at every centre. */
export async function setAccountDisabledAction(previous: AccountStatusState, formData: FormData): Promise<AccountStatusState> {
  const actor = await requireActor();
  const submission = (previous?.submission ?? 0) + 1;
  const email = text(formData, "email").slice(0, 400);
  const disabled = text(formData, "disabled") !== "false";
  try {
    const result = await setAccountDisabled(db, actor, { email, disabled });
    const what = disabled ? `${result.email} is disabled: it cannot sign in anywhere, and its sessions have ended.` : `${result.email} can sign in again.`;
    return { submission, email, result: { ok: true, message: result.changed ? what : `No change: ${what}` } };
  } catch (error) {
    return { submission, email, result: failureOf(error) };
  }
}
