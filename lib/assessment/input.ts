import { z } from "zod";

// Input rules shared by the assessment operations: every operation parses what it is given
// with zod (parseInput, lib/errors.ts), so a server action, a test or a script all meet the same rules.

export const recordId = (what: string) =>
  z
    .string({ error: `The ${what} is missing. Reload the page and try again.` })
    .trim()
    .min(1, `The ${what} is missing. Reload the page and try again.`)
    .max(100, `The ${what} is not recognised. Reload the page and try again.`);

/** A password typed to confirm an act ("sign", "revoke"): never trimmed, never echoed back. */
export const confirmingPassword = (to: string) =>
  z
    .string({ error: `Enter your password to ${to}.` })
    .min(1, `Enter your password to ${to}.`)
    .max(200, "That password is too long.");

/** A password typed to sign. */
export const signingPassword = confirmingPassword("sign");

/**
 * Text typed in a textarea, trimmed, its line breaks as "\n". Browsers send a textarea's line
 * breaks as "\r\n" but count each as one character against `maxlength`, so the limit is checked
 * on the text as the browser counted it.
 */
/** "\r\n" and lone "\r" as "\n", for zod's `.overwrite` on text typed in a textarea. */
export function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

export function requiredText(what: string, max: number) {
  return z
    .string({ error: `Write ${what}.` })
    .overwrite(normaliseLineBreaks)
    .trim()
    .min(1, `Write ${what}.`)
    .max(max, `Keep ${what} to ${max.toLocaleString("en-GB")} characters or fewer.`);
}
