import "server-only";
import type { z } from "zod";
import type { SessionActor } from "../auth/actor";
import { getActor } from "../auth/session";
import { AppError, fieldErrorsOf, InputError, summaryOf, type FieldErrors } from "../errors";
import type { FormAction, FormState, FormValues } from "../forms/form-state";
import { readForm, type FormFields } from "../forms/read-form";
import { logUnexpected } from "../ops/log";

// The one pipeline every form's server action runs (docs/decisions/0015-form-and-error-pipeline.md):
// read the form data, check who is signed in, parse with the action's zod schema, run the domain
// function (which authorises through lib/authz and audits inside its own transaction), and turn
// the outcome into the form's state. Refusals keep what the user typed; anything unexpected is
// logged and shown only as "something went wrong". This file is not a "use server" module.

export const pipelineMessages = {
  signedOut: "Your session has ended. Sign in again, then repeat what you were doing.",
  unexpected:
    "Something went wrong on our side and nothing was changed. Try again in a minute; if it keeps happening, tell your centre admin.",
} as const;

type Spec<Schema extends z.ZodType, Data, Values, Actor> = {
  /** The form's fields (lib/forms/fields.ts); its issues are shown beside the fields. */
  schema: Schema;
  /** The domain call. Throws AppError (or a subclass) to refuse; never redirects. */
  run: (input: z.output<Schema>, actor: Actor) => Promise<Data>;
  /**
   * After success, outside the error mapping: revalidate pages, redirect (which throws, as Next
   * expects), and return the message the form shows, if any.
   */
  done?: (data: Data, input: z.output<Schema>) => string | undefined | Promise<string | undefined>;
  /** What the form is drawn again with; by default every text field except passwords. */
  values?: (fields: FormFields) => Values;
};

/** A form for signed-in people: without a session it is refused, keeping what was typed. */
export function formAction<Schema extends z.ZodType, Data = undefined, Values = FormValues>(
  spec: Spec<Schema, Data, Values, SessionActor>,
): FormAction<Data, Values> {
  return async (previous, formData) => {
    const actor = await getActor();
    return submit(spec, previous, formData, actor ?? "signed out");
  };
}

/** A form anyone may send (sign-in help, the invitation link): no session is needed. */
export function publicFormAction<Schema extends z.ZodType, Data = undefined, Values = FormValues>(
  spec: Spec<Schema, Data, Values, null>,
): FormAction<Data, Values> {
  return (previous, formData) => submit(spec, previous, formData, null);
}

async function submit<Schema extends z.ZodType, Data, Values, Actor extends SessionActor | null>(
  spec: Spec<Schema, Data, Values, Actor>,
  previous: FormState<Data, Values>,
  formData: FormData,
  actor: Actor | "signed out",
): Promise<NonNullable<FormState<Data, Values>>> {
  const fields = readForm(formData);
  const values = (spec.values ?? typedValues)(fields) as Values;
  const submission = (previous?.submission ?? 0) + 1;
  const refused = (message: string, fieldErrors: FieldErrors = {}) =>
    ({ ok: false, message, fieldErrors, submission, values }) as const;

  if (actor === "signed out") return refused(pipelineMessages.signedOut);
  const parsed = spec.schema.safeParse(fields);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return refused(summaryOf(fieldErrors), fieldErrors);
  }
  let data: Data;
  try {
    data = await spec.run(parsed.data, actor);
  } catch (error) {
    if (error instanceof InputError) return refused(error.userMessage, error.fieldErrors);
    if (error instanceof AppError) return refused(error.userMessage);
    logUnexpected("form action failed", error, { userId: actor?.userId });
    return refused(pipelineMessages.unexpected);
  }
  const message = await spec.done?.(data, parsed.data);
  return { ok: true, data, message, submission, values };
}

/** Passwords are never sent back to the browser; files cannot be. */
const isSecret = (name: string) => /password/i.test(name);

/** Every text field as typed, except passwords. */
export function typedValues(fields: FormFields): FormValues {
  const values: FormValues = {};
  for (const [name, value] of Object.entries(fields)) {
    if (isSecret(name)) continue;
    if (typeof value === "string") values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((v): v is string => typeof v === "string");
  }
  return values;
}
