import type { ReactNode } from "react";

/** What the last action did, after its redirect: a polite status message. */
export function DoneBanner({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite">
      {message ? <p className="rounded border border-green-800 bg-green-50 p-3 text-green-900">{message}</p> : null}
    </div>
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
