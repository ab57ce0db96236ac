"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { forbidden } from "../authz/policy";
import { rotateSigningKey } from "../credentials/rotate-signing-key";
import { db } from "../db";
import { centreForRole } from "../enrolments/acting-centre";
import { formAction } from "./form-action";

/**
 * A centre admin replaces the signing key of the centre they are acting in (never one named in
 * the form: there is no id to tamper with). Credentials signed with the old key still verify.
 */
const rotate = formAction({
  schema: z.object({}),
  run: async (_input, actor) => {
    const centre = centreForRole(actor, "CENTRE_ADMIN");
    if (!centre) throw forbidden("credential.rotateKey");
    await rotateSigningKey(db, actor, centre.centreId);
  },
  done: () => {
    revalidatePath("/admin/credentials");
    return "A new signing key is in use. The old key is retired: the credentials it signed still verify, and it stays in the centre's published keys.";
  },
});

export async function rotateSigningKeyAction(...form: Parameters<typeof rotate>) {
  return rotate(...form);
}
