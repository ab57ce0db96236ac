import type { ActionResult, FieldErrors } from "../errors";

// What a server action gives back to its form, for every form in the app: the outcome (success
// with data and a message, or a refusal with messages per field), what was sent so a refused
// form keeps what the user typed (never a password or a file), and a count of submissions so a
// form keyed on it is redrawn with those values. Plain data, safe for client components.

/** What was typed, by field name: text as typed, a repeated name (a checkbox group) as a list. */
export type FormValues = Record<string, string | string[]>;

export type FormState<Data = undefined, Values = FormValues> =
  | (ActionResult<Data> & {
      /** 1 after the first submission, 2 after the next... */
      submission: number;
      values: Values;
    })
  | null;

/** A form's server action, as useActionState calls it. */
export type FormAction<Data = undefined, Values = FormValues> = (
  previous: FormState<Data, Values>,
  formData: FormData,
) => Promise<FormState<Data, Values>>;

/** A refused form's text fields as typed, to draw it again with; undefined before a refusal. */
export function refusedText(state: FormState<unknown>): Partial<Record<string, string>> | undefined {
  if (!state || state.ok) return undefined;
  const text: Partial<Record<string, string>> = {};
  for (const [name, value] of Object.entries(state.values)) if (typeof value === "string") text[name] = value;
  return text;
}

/** The messages for one field, if the last submission was refused over it. */
export function errorsFor(state: FormState<unknown, unknown>, field: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[field] : undefined;
}

/** A text field's value as last sent, else `fallback` (the value the form starts with). */
export function valueOf(state: FormState<unknown>, field: string, fallback = ""): string {
  const value = state?.values[field];
  return typeof value === "string" ? value : fallback;
}

/** A repeated field's values as last sent (one ticked box arrives as one value), else `fallback`. */
export function valuesOf(state: FormState<unknown>, field: string, fallback: readonly string[] = []): string[] {
  if (!state) return [...fallback];
  const value = state.values[field];
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

export type { FieldErrors };
