import type { ReactNode } from "react";

export type Description = { term: ReactNode; details: ReactNode; key?: string };

/**
 * Terms and their details side by side on wide screens, stacked on phones. An item whose
 * details are null or undefined is left out, so callers can list optional facts inline.
 */
export function DescriptionList({ items, className = "" }: { items: Description[]; className?: string }) {
  return (
    <dl className={`grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr] ${className}`}>
      {items
        .filter((item) => item.details !== null && item.details !== undefined)
        .map((item, index) => (
          <div key={item.key ?? (typeof item.term === "string" ? item.term : index)} className="contents">
            <dt className="font-medium">{item.term}</dt>
            <dd className="break-words">{item.details}</dd>
          </div>
        ))}
    </dl>
  );
}
