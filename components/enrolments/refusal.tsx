import Link from "next/link";
import type { ReactNode } from "react";

/** What a page shows instead of its content when the person may not see it. */
export function Refusal({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-3xl font-bold">{title}</h1>
      <div className="space-y-2 rounded border-2 border-amber-700 bg-amber-50 p-4 text-amber-950">
        <h2 className="font-semibold">You cannot use this page</h2>
        <div className="space-y-2">{children}</div>
      </div>
      <p>
        <Link href="/home" className="text-brand-700 underline">
          Go to your home page
        </Link>
      </p>
    </div>
  );
}
