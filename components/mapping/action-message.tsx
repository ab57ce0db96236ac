import type { ActionResult } from "@/lib/errors";

/** What an action said: a refusal as an alert, a success as a polite status. With an `id`, focus can be moved to it. */
export function ActionMessage({ state, id }: { state: ActionResult<unknown> | null; id?: string }) {
  if (!state) return null;
  if (!state.ok) {
    return (
      <p
        id={id}
        tabIndex={id ? -1 : undefined}
        role="alert"
        className="rounded border border-red-700 bg-red-50 p-3 text-red-900"
      >
        <span className="font-semibold">Not done: </span>
        {state.message}
      </p>
    );
  }
  if (!state.message) return null;
  return (
    <p
      id={id}
      tabIndex={id ? -1 : undefined}
      role="status"
      className="rounded border border-green-700 bg-green-50 p-3 text-green-900"
    >
      <span aria-hidden="true">✔ </span>
      {state.message}
    </p>
  );
}

/** Warnings about a mapping that is allowed: shown in words, never by colour alone. */
export function MappingWarnings({ warnings, lead = "Warning" }: { warnings: readonly string[]; lead?: string }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="space-y-1">
      {warnings.map((warning) => (
        <li key={warning} className="rounded border border-amber-700 bg-amber-50 px-3 py-2 text-amber-950">
          <span className="font-semibold">
            <span aria-hidden="true">⚠ </span>
            {lead}:
          </span>{" "}
          {warning}
        </li>
      ))}
    </ul>
  );
}
