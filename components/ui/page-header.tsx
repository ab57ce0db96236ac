import type { ReactNode } from "react";
import { h1Class, leadClass } from "./styles";

/** The page's one h1, a lead paragraph under it, and the page's main actions beside it. */
export function PageHeader({
  title,
  lead,
  actions,
  children,
}: {
  title: ReactNode;
  /** A sentence or two under the heading (a string becomes a paragraph). */
  lead?: ReactNode;
  /** Buttons or links for what the page is for ("Add a person"). */
  actions?: ReactNode;
  /** More lines under the lead. */
  children?: ReactNode;
}) {
  const text = (
    <div className="space-y-2">
      <h1 className={h1Class}>{title}</h1>
      {typeof lead === "string" ? (
        <p className={leadClass}>{lead}</p>
      ) : lead ? (
        <div className={leadClass}>{lead}</div>
      ) : null}
      {children}
    </div>
  );
  if (!actions) return text;
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      {text}
      <div className="flex flex-wrap gap-3">{actions}</div>
    </div>
  );
}
