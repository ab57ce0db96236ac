"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "../auth/session";
import { db } from "../db";
import { inviteCentreAdmin } from "../platform/invite-centre-admin";
import { deliverAfterCommit, failureOf, publicBaseUrl, text, type Failure } from "./people-common";

export type CentreAdminInviteValues = { centreId: string; name: string; email: string };
export type CentreAdminInviteState = {
  submission: number;
  values: CentreAdminInviteValues;
  result: { ok: true; message: string; email: string; invitationLink: string } | Failure;
} | null;

/** Platform admins: invite a centre's (first) admin, from /platform. */
export async function inviteCentreAdminAction(previous: CentreAdminInviteState, formData: FormData): Promise<CentreAdminInviteState> {
  const actor = await requireActor();
  const submission = (previous?.submission ?? 0) + 1;
  const values: CentreAdminInviteValues = { centreId: text(formData, "centreId"), name: text(formData, "name"), email: text(formData, "email") };
  try {
    const result = await inviteCentreAdmin(db, actor, values, { baseUrl: await publicBaseUrl() });
    await deliverAfterCommit(result.outboxMessageIds);
    revalidatePath("/platform");
    return { submission, values: { centreId: values.centreId, name: "", email: "" }, result: { ok: true, message: result.message, email: result.email, invitationLink: result.invitationLink } };
  } catch (error) {
    return { submission, values, result: failureOf(error) };
  }
}
