"use client";

// Shown when a page fails. The details are in the server log; the user gets what to do next.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-3">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p>
        Nothing you entered has been lost. Try again; if it keeps happening, tell your centre and quote the reference
        below.
      </p>
      {error.digest ? <p className="font-mono text-sm">Reference: {error.digest}</p> : null}
      <button type="button" onClick={reset} className="rounded bg-brand-700 px-4 py-2 font-medium text-white">
        Try again
      </button>
    </div>
  );
}
