"use client";

import { useEffect, useRef } from "react";
import type { AssessmentFormState } from "@/lib/assessment/form-state";
import { inputClass } from "./styles";

/**
 * The refusal of a form's last submission, as an alert that takes focus so keyboard and
 * screen-reader users start from it. Field messages link to their fields.
 */
export function FormProblem({ state, fieldIds = {} }: { state: AssessmentFormState; fieldIds?: Record<string, string> }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state) box.current?.focus();
  }, [state, state?.attempt]);
  if (!state) return null;
  const problems = Object.entries(state.fieldErrors ?? {}).flatMap(([field, messages]) => messages.map((message) => ({ field, message })));
  const extra = problems.filter((p) => p.message !== state.message);
  return (
    <div ref={box} tabIndex={-1} role="alert" className="space-y-1 rounded border-2 border-red-700 bg-red-50 p-3 text-red-900">
      <p className="font-semibold">{state.message}</p>
      {extra.length > 0 ? (
        <ul className="list-disc pl-5">
          {extra.map(({ field, message }) => (
            <li key={`${field}:${message}`}>
              {fieldIds[field] ? (
                <a href={`#${fieldIds[field]}`} className="underline">
                  {message}
                </a>
              ) : (
                message
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-sm font-semibold text-red-800">
      <span className="sr-only">Error: </span>
      {errors.join(" ")}
    </p>
  );
}

/** The assessor's password, typed again to sign or revoke (a decision is as weighty either way). */
export function PasswordField({ id, purpose, errors }: { id: string; purpose: "sign" | "revoke"; errors?: string[] }) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        Your password (to {purpose})
      </label>
      <input
        id={id}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? `${id}-error` : undefined}
        className={`${inputClass} max-w-xs`}
      />
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}
