"use client";

import { useEffect, useRef } from "react";
import { alertClass } from "./styles";

/** One problem in a refused submission; with a target, it links to the field (by id) to correct. */
export type Problem = { text: string; label?: string; target?: string };

/**
 * One problem per message of each field, labelled and linked as `fields` says (a field it does not
 * name is listed by its message alone, without a link).
 */
export function fieldProblems(
  fieldErrors: Record<string, string[] | undefined> | undefined,
  fields: Record<string, { label?: string; target?: string }>,
): Problem[] {
  return Object.entries(fieldErrors ?? {}).flatMap(([name, messages]) =>
    (messages ?? []).map((text) => ({ text, label: fields[name]?.label, target: fields[name]?.target })),
  );
}

/**
 * What was wrong with the last submission: announced (role="alert"), focused each time
 * `focusKey` changes (each refused submission) so keyboard users start from it, and linking
 * each problem to its field.
 */
export function ErrorSummary({
  title,
  message,
  problems = [],
  focusKey,
  id,
}: {
  title: string;
  message?: string;
  problems?: Problem[];
  focusKey?: unknown;
  id?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);
  return (
    <div id={id} ref={ref} tabIndex={-1} role="alert" className={`space-y-2 border-2 ${alertClass}`}>
      <h2 className="font-semibold">{title}</h2>
      {message ? <p>{message}</p> : null}
      {problems.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5">
          {problems.map(({ text, label, target }) => {
            const words = label ? `${label}: ${text}` : text;
            return (
              <li key={`${target}:${words}`}>
                {target ? (
                  <a href={`#${target}`} className="underline">
                    {words}
                  </a>
                ) : (
                  words
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
