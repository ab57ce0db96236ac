// Errors carry a message safe to show the user, separate from what is logged.
export class AppError extends Error {
  constructor(
    readonly userMessage: string,
    logMessage?: string,
  ) {
    super(logMessage ?? userMessage);
  }
}

/** What a server action returns to its form: success, or a message plus per-field errors. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> };
