"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireActor } from "../auth/session";
import { db } from "../db";
import { idSchema } from "../people/schemas";
import { setDeactivated } from "../people/set-deactivated";
import { failureOf, text, type Failure } from "./people-common";

const input = z.object({ userId: idSchema, deactivated: z.enum(["true", "false"]).transform((value) => value === "true") });

export type SetDeactivatedState = { submission: number; result: { ok: true; message: string } | Failure } | null;

/** Deactivates or reactivates a member of the admin's centre (the button on their page). */
export async function setDeactivatedAction(previous: SetDeactivatedState, formData: FormData): Promise<SetDeactivatedState> {
  const actor = await requireActor();
  const submission = (previous?.submission ?? 0) + 1;
  const parsed = input.safeParse({ userId: text(formData, "userId"), deactivated: text(formData, "deactivated") });
  if (!parsed.success) return { submission, result: { ok: false, message: "That request was incomplete. Reload the page and try again." } };
  try {
    const result = await setDeactivated(db, actor, parsed.data);
    revalidatePath("/admin", "layout");
    const message =
      result.status === "deactivated"
        ? `${result.name} is deactivated at this centre. Their roles here have ended until you reactivate them.`
        : `${result.name} is reactivated at this centre. Their roles here work again.`;
    return { submission, result: { ok: true, message: result.changed ? message : `No change: ${message}` } };
  } catch (error) {
    return { submission, result: failureOf(error) };
  }
}
