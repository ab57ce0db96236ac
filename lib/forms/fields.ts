import { z } from "zod";
import { asFile, asText, asTexts, asTicked } from "./read-form";

// Zod schemas for form fields, read as lib/forms/read-form.ts says. An action's schema is an
// object of these; the domain function it calls validates the meaning (lengths, ids, dates)
// with its own schema, so a script or a test meets the same rules as the form.
// Each starts from `z.unknown().optional()`: a field the form did not send (an unticked group,
// a control the page left out) is read as empty, not refused as missing.

/** A text field as typed; `max` bounds what is passed on (a token, an email) before any work is done with it. */
export const text = (max?: number) =>
  z
    .unknown()
    .optional()
    .transform((value) => (max ? asText(value).slice(0, max) : asText(value)));

/** Every value of a repeated field (a group of checkboxes), as strings. */
export const texts = () => z.unknown().optional().transform(asTexts);

/** A checkbox or a "yes" the form sends: ticked or not. */
export const ticked = () => z.unknown().optional().transform(asTicked);

/** A chosen file, or null when none was. */
export const file = () => z.unknown().optional().transform(asFile);

/** A form of text fields only, each read with `text()`. */
export function textFields<Name extends string>(...names: Name[]) {
  return z.object(Object.fromEntries(names.map((name) => [name, text()])) as Record<Name, ReturnType<typeof text>>);
}
