"use server";

import { z } from "zod";
import { maxCredentialLength, tooLongMessage, verifyHere } from "../credentials/verify-request";
import type { Verification } from "../credentials/verify-credential";
import { db } from "../db";
import { InputError } from "../errors";
import { file, text } from "../forms/fields";
import { publicFormAction } from "./form-action";

/**
 * Public: checks a credential pasted into the verify page, or the .jwt / .json file chosen there
 * (the file wins when both are given). Reads only this app's keys and status lists; changes nothing.
 */
const verify = publicFormAction({
  schema: z.object({ credential: text(maxCredentialLength + 1), file: file() }),
  run: async (input): Promise<Verification> => {
    const chosen = input.file;
    if (chosen && chosen.size > maxCredentialLength) throw InputError.forField("file", tooLongMessage);
    const credential = chosen ? await chosen.text() : input.credential;
    if (!chosen && credential.length > maxCredentialLength) throw InputError.forField("credential", tooLongMessage);
    if (credential.trim() === "")
      throw InputError.forField("credential", "Paste the credential (the text of its .jwt file), or choose its file.");
    return verifyHere(db, credential);
  },
});

export async function verifyCredentialAction(...form: Parameters<typeof verify>) {
  return verify(...form);
}
