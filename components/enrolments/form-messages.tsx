"use client";

import { ErrorSummary, fieldProblems } from "@/components/ui/error-summary";
import { successClass } from "@/components/ui/styles";
import type { FormState } from "@/lib/forms/form-state";

/**
 * The outcome of a form's last submission. A refusal is an alert listing each problem with a
 * link to its field, and takes focus so keyboard users start from it; success is a polite
 * status message.
 */
export function FormMessages({
  state,
  fieldIds,
  labels,
}: {
  state: FormState<unknown>;
  fieldIds: Record<string, string>;
  labels: Record<string, string>;
}) {
  const failed = state !== null && !state.ok;
  const targets = Object.fromEntries(
    Object.keys(failed ? (state.fieldErrors ?? {}) : {}).map((field) => [
      field,
      { label: labels[field], target: fieldIds[field] ?? field },
    ]),
  );
  const problems = failed ? fieldProblems(state.fieldErrors, targets) : [];
  return (
    <>
      <div role="status" aria-live="polite">
        {state?.ok && state.message ? <p className={successClass}>{state.message}</p> : null}
      </div>
      {failed ? (
        <ErrorSummary
          title="There is a problem"
          message={problems.length === 0 ? (state.message ?? undefined) : undefined}
          problems={problems}
          focusKey={state.submission}
        />
      ) : null}
    </>
  );
}

/** The errors for one field, if the last submission was refused. */
export function errorsOf(state: FormState<unknown>, field: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[field] : undefined;
}
