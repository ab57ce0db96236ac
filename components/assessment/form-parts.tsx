"use client";

import { ErrorSummary, fieldProblems } from "@/components/ui/error-summary";
import type { ReactNode } from "react";
import type { FormState } from "@/lib/forms/form-state";
import { InputField } from "@/components/ui/field";

/**
 * The refusal of a form's last submission, as an alert that takes focus so keyboard and
 * screen-reader users start from it. Field messages link to their fields.
 */
export function FormProblem({
  state,
  fieldIds = {},
}: {
  state: FormState<unknown>;
  fieldIds?: Record<string, string>;
}) {
  if (!state || state.ok) return null;
  const targets = Object.fromEntries(Object.entries(fieldIds).map(([field, target]) => [field, { target }]));
  const extra = fieldProblems(state.fieldErrors, targets).filter((p) => p.text !== state.message);
  return <ErrorSummary title={state.message ?? ""} problems={extra} focusKey={state.submission} />;
}

/** The assessor's password, typed again to sign or revoke (a decision is as weighty either way). */
export function PasswordField({ id, purpose, errors }: { id: string; purpose: "sign" | "revoke"; errors?: string[] }) {
  return (
    <InputField
      id={id}
      name="password"
      type="password"
      label={`Your password (to ${purpose})`}
      autoComplete="current-password"
      required
      errors={errors}
      className=""
      controlClassName="max-w-xs"
    />
  );
}

/**
 * A form about one enrolment: it starts afresh after each submission (so a refused one keeps only
 * what the server sends back), leads with what was refused, and sends the enrolment's id.
 */
export function EnrolmentForm({
  state,
  action,
  label,
  enrolmentId,
  fieldIds,
  children,
}: {
  state: FormState<unknown>;
  action: (formData: FormData) => void;
  /** The form's accessible name. */
  label: string;
  enrolmentId: string;
  /** The controls the problems link to, by field name. */
  fieldIds: Record<string, string>;
  children: ReactNode;
}) {
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="space-y-3" aria-label={label}>
      <FormProblem state={state} fieldIds={fieldIds} />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      {children}
    </form>
  );
}
