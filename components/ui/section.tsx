import type { ReactNode } from "react";
import { h2Class } from "./styles";

/**
 * A region of a page named by its h2 (the section is labelled by the heading, so it is a landmark
 * with the heading's words as its name).
 */
export function Section({
  id,
  title,
  className = "space-y-3",
  children,
}: {
  /** The heading's id, which names the section. */
  id: string;
  title: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className={h2Class}>
        {title}
      </h2>
      {children}
    </section>
  );
}
