import "server-only";
import { headers } from "next/headers";
import { ForbiddenError } from "../authz/policy";
import { env } from "../env";
import { AppError } from "../errors";
import { deliverQueuedMail } from "../mail";
import { InvalidInputError } from "../people/errors";

// Helpers shared by the people server actions (this file is not itself a "use server" module).

export type Failure = { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/** The state of an action that sets a password from a one-time link (invitation or reset). */
export type ChoosePasswordState = { submission: number; result: { ok: true; email: string } | Failure } | null;

export const unexpectedFailureMessage = "Something went wrong on our side and nothing was changed. Try again in a minute; if it keeps happening, tell your system administrator.";

/** What the user sees for a refused or failed operation; anything unexpected is logged, not shown. */
export function failureOf(error: unknown): Failure {
  if (error instanceof InvalidInputError) return { ok: false, message: error.userMessage, fieldErrors: error.fieldErrors };
  if (error instanceof ForbiddenError || error instanceof AppError) return { ok: false, message: error.userMessage };
  console.error("people action failed:", error);
  return { ok: false, message: unexpectedFailureMessage };
}

/** The app's public address for links in messages: NEXTAUTH_URL, else the address this request came to. */
export async function publicBaseUrl(): Promise<string> {
  if (env.NEXTAUTH_URL) return env.NEXTAUTH_URL.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? `localhost:${env.PORT}`;
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.0.0.1") ? "http" : "https");
  return `${proto}://${host}`;
}

/** Sends, when SMTP is configured, the messages a committed change wrote to the outbox. */
export async function deliverAfterCommit(ids: ReadonlyArray<string>): Promise<void> {
  try {
    await deliverQueuedMail(ids);
  } catch (error) {
    // The change itself succeeded; the messages stay in the outbox, unsent, for the admin to see.
    console.error("mail delivery after commit failed:", error);
  }
}

export function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export function texts(formData: FormData, name: string): string[] {
  return formData.getAll(name).filter((value): value is string => typeof value === "string");
}

/**
 * The plumbing of a form that sets a password from a one-time link (invitation or reset): reads
 * the token and both passwords, bounded, and turns the outcome into the form's state.
 */
export async function choosePasswordFromLink(
  previous: ChoosePasswordState,
  formData: FormData,
  setPassword: (input: { token: string; password: string; confirmPassword: string }) => Promise<{ email: string }>,
): Promise<ChoosePasswordState> {
  const submission = (previous?.submission ?? 0) + 1;
  try {
    const { email } = await setPassword({
      token: text(formData, "token").slice(0, 100),
      password: text(formData, "password").slice(0, 1000),
      confirmPassword: text(formData, "confirmPassword").slice(0, 1000),
    });
    return { submission, result: { ok: true, email } };
  } catch (error) {
    return { submission, result: failureOf(error) };
  }
}
