"use client";

import type { ReactNode } from "react";
import { SubmitButton } from "@/components/ui/button";
import type { FormState } from "@/lib/forms/form-state";
import { ErrorSummary } from "./error-summary";

/**
 * A people form that starts afresh after each submission (keyed by it, so only what the server
 * sends back stays filled in) and leads with the summary of a refusal.
 */
export function FormWithSummary({
  state,
  action,
  summary,
  heading,
  className = "space-y-4",
  labelledBy,
  children,
}: {
  /** The action's state: the submission's number and its outcome, refused or not. */
  state: FormState<unknown>;
  action: (formData: FormData) => void;
  summary: Pick<Parameters<typeof ErrorSummary>[0], "id" | "title" | "fieldLabels">;
  /** Drawn above the summary (the form's own heading). */
  heading?: ReactNode;
  className?: string;
  /** The id of the heading that names the form. */
  labelledBy?: string;
  children: ReactNode;
}) {
  const submission = state?.submission ?? 0;
  const failure = state && !state.ok ? state : null;
  return (
    <form key={submission} action={action} noValidate className={className} aria-labelledby={labelledBy}>
      {heading}
      {failure ? (
        <ErrorSummary
          {...summary}
          message={failure.message}
          fieldErrors={failure.fieldErrors}
          submission={submission}
        />
      ) : null}
      {children}
    </form>
  );
}

/** A one-button form about one person (a new invitation link, a reset link). */
export function PersonButtonForm({
  action,
  userId,
  pending,
  label,
  pendingLabel,
}: {
  action: (formData: FormData) => void;
  userId: string;
  pending: boolean;
  label: string;
  pendingLabel: string;
}) {
  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton variant="secondary" pending={pending} label={label} pendingLabel={pendingLabel} />
    </form>
  );
}
