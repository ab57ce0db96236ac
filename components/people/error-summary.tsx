"use client";

import { useEffect, useRef } from "react";
import { alertClass } from "./styles";

/**
 * The form's error summary: announced (role="alert"), focused after each failed submit, and
 * linking to each field with a problem.
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
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [submission]);
  const fields = Object.entries(fieldErrors ?? {}).filter(([name]) => fieldLabels[name]);
  return (
    <div id={id} ref={ref} tabIndex={-1} role="alert" className={alertClass}>
      <p>
        <span className="font-semibold">{title}: </span>
        {message}
      </p>
      {fields.length > 0 ? (
        <ul className="mt-2 list-disc pl-6">
          {fields.map(([name, messages]) => (
            <li key={name}>
              <a href={`#${fieldLabels[name]?.target}`} className="underline">
                {fieldLabels[name]?.label}: {messages.join(" ")}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
