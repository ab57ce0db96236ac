import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import { env } from "../env";
import { AppError } from "../errors";
import { text as textField } from "../forms/fields";
import type { FormValues } from "../forms/form-state";
import { wakeJobWorker } from "../jobs/runtime";
import { publicFormAction } from "./form-action";

// Helpers shared by the people server actions (this file is not itself a "use server" module).
// The actions themselves run through formAction (lib/actions/form-action.ts).

const incompleteRequest = "That request was incomplete. Reload the page and try again.";

/**
 * The hidden fields a page sent to name what a button acts on (the person, the change), parsed.
 * The user cannot correct them: when they are missing or malformed the page is stale (or was
 * tampered with), so the answer is one message to reload rather than messages per field.
 */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError(incompleteRequest);
  return parsed.data;
}

/** A form that sets a password from a one-time link (invitation or reset): the link's token and both passwords, bounded. */
const choosePasswordFields = z.object({
  token: textField(100),
  password: textField(1000),
  confirmPassword: textField(1000),
});

/** What a one-time link's form is drawn again with: nothing (passwords are never sent back; the token comes from the link). */
export const keepNothing = (): FormValues => ({});

/**
 * The action of a public form that sets a password from a one-time link (the invitation page, the
 * reset page): no session, the token and passwords bounded, nothing sent back but the account's email.
 */
export function choosePasswordAction(
  setPassword: (input: z.output<typeof choosePasswordFields>) => Promise<{ email: string }>,
) {
  return publicFormAction({ schema: choosePasswordFields, run: setPassword, values: keepNothing });
}

/** The app's public address for links in messages: NEXTAUTH_URL, else the address this request came to. */
export async function publicBaseUrl(): Promise<string> {
  if (env.NEXTAUTH_URL) return env.NEXTAUTH_URL.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? `localhost:${env.PORT}`;
  const proto =
    h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.0.0.1") ? "http" : "https");
  return `${proto}://${host}`;
}

/**
 * After a change committed with messages in the outbox: each has its mail.deliver job already
 * (written in the change's transaction, lib/mail/deliver-job.ts); this has this server's job
 * worker send them now rather than at its next poll. Without a worker here (JOBS_WORKER=off),
 * another server's picks them up.
 */
export async function deliverAfterCommit(ids: ReadonlyArray<string>): Promise<void> {
  if (ids.length > 0) wakeJobWorker();
}
