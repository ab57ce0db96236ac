import Link from "next/link";

// Also the answer for a record the viewer may not see (lib/authz/hidden-or-missing.ts), so it
// never says which of the two it is: it names both, and what to do about each.
export default function NotFound() {
  return (
    <div className="max-w-3xl space-y-3">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p>
        This page does not exist, or you do not have access to it. The address may be mistyped or out of date, or it may
        belong to a centre or a person you do not work with.
      </p>
      <p>
        If you followed a link you expected to work, check that you are signed in and acting in the right role
        (&ldquo;Acting as&rdquo; at the top of the page). If you should have access, ask your centre admin.
      </p>
      <p>
        <Link href="/home" className="text-brand-700 underline">
          Go to your home page
        </Link>{" "}
        or{" "}
        <Link href="/standards" className="text-brand-700 underline">
          browse the units
        </Link>
        .
      </p>
    </div>
  );
}
