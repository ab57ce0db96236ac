import pino, { type DestinationStream, type Level, type Logger } from "pino";
import { env } from "../env";
import { currentRequest } from "./log-context";

// Structured logs: one JSON object per line on stdout, for the process manager or a log shipper
// to collect (docs/deploy.md, "Logs"). Every line written while a request is handled carries its
// requestId, and its userId once the session is known (lib/ops/log-context.ts).

export type LogLevel = Level | "silent";

/** Field names whose values never reach a log, at any of the first three levels of a logged object. */
const sensitiveKeys = [
  "password",
  "newPassword",
  "currentPassword",
  "confirmPassword",
  "passwordHash",
  "token",
  "sessionToken",
  "accessToken",
  "refreshToken",
  "authorization",
  "cookie",
  "cookies",
  "secret",
  "email",
  "smtpUrl",
];

export const redactedPaths = sensitiveKeys.flatMap((name) => [name, `*.${name}`, `*.*.${name}`]);

export const redactedValue = "[redacted]";

export function createLogger(options: { level: LogLevel; destination: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactedPaths, censor: redactedValue },
      serializers: { err: pino.stdSerializers.err },
      // Fields given in the call win over these (e.g. an explicit userId of "unknown").
      mixin() {
        const request = currentRequest();
        if (!request) return {};
        return request.userId
          ? { requestId: request.requestId, userId: request.userId }
          : { requestId: request.requestId };
      },
    },
    options.destination,
  );
}

/**
 * Under the test runner, error lines go to console.error, where tests/helpers/fail-on-console-error.ts
 * makes an unexpected error fail the test; the rest is dropped to keep test output readable.
 */
const testDestination: DestinationStream = {
  write(line: string) {
    if (/"level":"(error|fatal)"/.test(line)) console.error(line.trimEnd());
  },
};

// One logger per process (globalThis: Next loads this module once per bundle).
const key = Symbol.for("competence-portfolio.logger");
const holder = globalThis as { [key]?: Logger };

export const log: Logger = (holder[key] ??= createLogger({
  level: env.LOG_LEVEL,
  destination: env.NODE_ENV === "test" ? testDestination : pino.destination(1),
}));

/** Something failed that the user only sees as "something went wrong": the log says what. */
export function logUnexpected(what: string, error: unknown, fields: Record<string, unknown> = {}): void {
  log.error({ ...fields, err: error }, what);
}
