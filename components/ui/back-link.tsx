import Link from "next/link";
import type { ReactNode } from "react";

/** The link up to the list a page belongs to ("Back to enrolments"), in its own paragraph at the top. */
export function BackLink({
  href,
  className = "text-brand-700 underline",
  children,
}: {
  href: string;
  /** Classes of the link, so it matches the links around it. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <p>
      <Link href={href} className={className}>
        {children}
      </Link>
    </p>
  );
}
