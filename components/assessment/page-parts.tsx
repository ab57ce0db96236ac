import Link from "next/link";
import type { ReactNode } from "react";
import { linkClass } from "./styles";

/** The whole page when the viewer may not see it: a heading and why, never a crash. */
export function NotAvailable({ title, message }: { title: string; message: string }) {
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-3xl font-bold">{title}</h1>
      <p className="rounded border border-amber-700 bg-amber-50 p-4 text-amber-950">
        <span className="font-semibold">Not available: </span>
        {message}
      </p>
      <p>
        <Link href="/home" className={linkClass}>
          Go to your home page
        </Link>
      </p>
    </div>
  );
}

/** What the last action did, after its redirect: a polite status message. */
export function DoneBanner({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite">
      {message ? <p className="rounded border border-green-800 bg-green-50 p-3 text-green-900">{message}</p> : null}
    </div>
  );
}

export function Pagination({ page, pageCount, href, label }: { page: number; pageCount: number; href: (page: number) => string; label: string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-4 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className={linkClass} rel="prev">
          Previous page
        </Link>
      ) : null}
      <span aria-current="page">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className={linkClass} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}

export function Time({ date, children }: { date: Date; children: ReactNode }) {
  return <time dateTime={date.toISOString()}>{children}</time>;
}

export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function pageNumber(value: string | string[] | undefined): number {
  const page = Number.parseInt(firstParam(value) ?? "", 10);
  return Number.isFinite(page) && page > 0 ? page : 1;
}
