"use client";

import { useId, useRef, useState } from "react";
import { inputClass, secondaryButtonClass } from "@/components/ui/styles";

/** A read-only field holding a link, with a button that copies it. */
export function CopyLink({
  link,
  label = "Invitation link",
  hint,
  multiline = false,
}: {
  link: string;
  label?: string;
  hint?: string;
  multiline?: boolean;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [status, setStatus] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setStatus(
        multiline
          ? "Copied. Paste it into a document or spreadsheet."
          : "Link copied. Paste it into an email or message to the person.",
      );
    } catch {
      input.current?.focus();
      input.current?.select();
      setStatus(
        "Your browser did not let the page copy. The text is selected: press Ctrl+C (or Command+C on a Mac) to copy it.",
      );
    }
  }

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        {multiline ? (
          <textarea
            ref={input}
            id={id}
            readOnly
            value={link}
            rows={Math.min(10, link.split("\n").length + 1)}
            aria-describedby={hint ? `${id}-hint` : undefined}
            className={`${inputClass} mt-0 min-w-0 flex-1 font-mono text-xs`}
          />
        ) : (
          <input
            ref={input}
            id={id}
            type="text"
            readOnly
            value={link}
            aria-describedby={hint ? `${id}-hint` : undefined}
            onFocus={(event) => event.currentTarget.select()}
            className={`${inputClass} mt-0 min-w-0 flex-1 font-mono text-sm`}
          />
        )}
        <button type="button" onClick={copy} className={secondaryButtonClass}>
          {multiline ? "Copy all" : "Copy link"}
        </button>
      </div>
      <p role="status" className="min-h-5 text-sm text-slate-800">
        {status}
      </p>
    </div>
  );
}
