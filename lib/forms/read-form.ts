// The one form-data reader. A browser sends each control as a name and a value; a name sent
// more than once (checkboxes of one group, a multiple select) carries every value. The reader
// turns that into a plain object that zod can parse, and the `as…` conversions say how a field
// is read whatever an attacker sends in its place (a file for a text, a name repeated).
// Pure and client-safe: the evidence form checks itself with it before sending.

export type FormEntry = string | File;
/** A form's fields: a name sent once is its value, a name sent again is every value in order. */
export type FormFields = Record<string, FormEntry | FormEntry[]>;

/** Next.js posts its own fields with a server action; they are not the form's. */
const isFrameworkField = (name: string) => name.startsWith("$ACTION");

export function readForm(formData: FormData): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of formData.entries()) {
    if (isFrameworkField(name)) continue;
    const before = fields[name];
    if (before === undefined) fields[name] = value;
    else fields[name] = Array.isArray(before) ? [...before, value] : [before, value];
  }
  return fields;
}

/** A text field: its text; missing, a file or a repeated name reads as "" (nothing the form would send). */
export function asText(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** A repeatable field (a checkbox group): every text value, none when missing. */
export function asTexts(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === "string");
}

/** A checkbox: ticked when sent with the browser's default "on", or "true"/"yes" as the app's forms send. */
export function asTicked(value: unknown): boolean {
  return value === "on" || value === "true" || value === "yes";
}

/** A file input: the file when one was chosen (browsers send an empty, nameless file when none was). */
export function asFile(value: unknown): File | null {
  return typeof File !== "undefined" && value instanceof File && value.size > 0 ? value : null;
}
