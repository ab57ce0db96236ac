"use server";

import { z } from "zod";
import { verifyNow } from "../audit/verify";
import { db } from "../db";
import { centreForRole } from "../enrolments/acting-centre";
import { text } from "../forms/fields";
import { formAction } from "./form-action";

/**
 * "Verify now" on the audit viewer. scope=platform verifies every chain (platform admins); any
 * other value, the chain of the centre the admin acts in (named by no field, so no other). A
 * broken chain is a finding, not a refusal: it comes back as data with ok: false.
 */
const verify = formAction({
  schema: z.object({ scope: text() }),
  run: (input, actor) =>
    verifyNow(
      db,
      actor,
      input.scope === "platform"
        ? "*"
        : (centreForRole(actor, "CENTRE_ADMIN")?.centreId ?? actor.active?.centreId ?? ""),
    ),
});

export async function verifyAuditChainAction(...form: Parameters<typeof verify>) {
  return verify(...form);
}
