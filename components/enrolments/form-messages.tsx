"use client";

import { useEffect, useRef } from "react";
import type { FormState } from "@/lib/enrolments/form-state";

/**
 * The outcome of a form's last submission. A refusal is an alert listing each problem with a
 * link to its field, and takes focus so keyboard users start from it; success is a polite
 * status message.
 */
export function FormMessages({ state, fieldIds, labels }: { state: FormState; fieldIds: Record<string, string>; labels: Record<string, string> }) {
  const summary = useRef<HTMLDivElement>(null);
  const failed = state !== null && !state.ok;
  useEffect(() => {
    if (failed) summary.current?.focus();
  }, [failed, state?.attempt]);

  const problems = failed
    ? Object.entries(state.fieldErrors ?? {}).flatMap(([field, messages]) => messages.map((message) => ({ field, message })))
    : [];
  return (
    <>
      <div role="status" aria-live="polite">
        {state?.ok && state.message ? <p className="rounded border border-green-800 bg-green-50 p-3 text-green-900">{state.message}</p> : null}
      </div>
      {failed ? (
        <div ref={summary} tabIndex={-1} role="alert" className="space-y-2 rounded border-2 border-red-700 bg-red-50 p-4 text-red-900">
          <h2 className="font-semibold">There is a problem</h2>
          {problems.length === 0 ? <p>{state.message}</p> : null}
          {problems.length > 0 ? (
            <ul className="list-disc space-y-1 pl-5">
              {problems.map(({ field, message }) => (
                <li key={`${field}:${message}`}>
                  <a href={`#${fieldIds[field] ?? field}`} className="underline">
                    {labels[field] ? `${labels[field]}: ` : ""}
                    {message}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

/** The errors for one field, if the last submission was refused. */
export function errorsOf(state: FormState, field: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[field] : undefined;
}
