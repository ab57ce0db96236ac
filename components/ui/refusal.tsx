import Link from "next/link";
import type { ReactNode } from "react";

type RefusalProps = {
  title: string;
  /** Classes of the link home, so it matches the links around it. */
  linkClassName?: string;
} & (
  | { /** A one-sentence reason, shown after "Not available:". */ message: string; children?: never }
  | {
      message?: never;
      /** A reason in several paragraphs, shown under "You cannot use this page". */ children: ReactNode;
    }
);

/**
 * The whole page when the viewer may not see or use it: a heading, why, and a way home — never a crash.
 * Only for a refusal that does not depend on an id in the address (a page for admins only, say):
 * a page about one record answers a record the viewer may not see with the 404 page, exactly as a
 * missing one (`orNotFound` in lib/authz/hidden-or-missing.ts), so ids cannot be probed.
 */
export function Refusal({ title, linkClassName = "text-brand-700 underline", ...reason }: RefusalProps) {
  const short = reason.message !== undefined;
  return (
    <div className={short ? "max-w-2xl space-y-4" : "max-w-3xl space-y-4"}>
      <h1 className="text-3xl font-bold">{title}</h1>
      {short ? (
        <p className="rounded border border-amber-700 bg-amber-50 p-4 text-amber-950">
          <span className="font-semibold">Not available: </span>
          {reason.message}
        </p>
      ) : (
        <div className="space-y-2 rounded border-2 border-amber-700 bg-amber-50 p-4 text-amber-950">
          <h2 className="font-semibold">You cannot use this page</h2>
          <div className="space-y-2">{reason.children}</div>
        </div>
      )}
      <p>
        <Link href="/home" className={linkClassName}>
          Go to your home page
        </Link>
      </p>
    </div>
  );
}
