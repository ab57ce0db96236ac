import type { ReactNode } from "react";

/**
 * Its content behind a disclosure when `folded` (a long page stays readable, the content one click
 * away), or as it is otherwise.
 */
export function Folded({
  folded,
  summary,
  summaryClassName = "cursor-pointer",
  children,
}: {
  folded: boolean;
  summary: ReactNode;
  summaryClassName?: string;
  children: ReactNode;
}) {
  if (!folded) return <>{children}</>;
  return (
    <details>
      <summary className={summaryClassName}>{summary}</summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}
