"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A message shown when a page is opened as the result of something the person just did (a
 * redirect after saving, say): it takes focus on arrival, so it is read out and the next Tab
 * continues from it, instead of focus falling to the page body.
 */
export function FocusOnArrival({
  children,
  className,
  role = "status",
}: {
  children: ReactNode;
  className?: string;
  role?: "status" | "alert";
}) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <p ref={ref} tabIndex={-1} role={role} className={className}>
      {children}
    </p>
  );
}
