"use client";

import { ErrorSummary as Summary, fieldProblems } from "@/components/ui/error-summary";

/**
 * The people forms' error summary: the kit's, listing only the fields the form names (by label,
 * linking to the control to correct), focused after each failed submit.
 */
export function ErrorSummary({
  id,
  title,
  message,
  fieldErrors,
  fieldLabels,
  submission,
}: {
  id: string;
  title: string;
  message: string;
  fieldErrors?: Record<string, string[]>;
  fieldLabels: Record<string, { label: string; target: string }>;
  submission: number;
}) {
  const named = Object.fromEntries(Object.entries(fieldErrors ?? {}).filter(([name]) => fieldLabels[name]));
  return (
    <Summary
      id={id}
      title={title}
      message={message}
      problems={fieldProblems(named, fieldLabels)}
      focusKey={submission}
    />
  );
}
