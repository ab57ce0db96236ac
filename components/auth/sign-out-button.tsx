import { cookies } from "next/headers";

// A plain form posting to next-auth's own sign-out endpoint, rendered on the server: the header
// is on every page, and next-auth's client library (signOut from next-auth/react) was the largest
// part of the JavaScript every page shipped (issue 15, page weight). next-auth checks the CSRF
// token it set in its cookie at sign-in, ends the session (its signOut event ends every session
// of the account, lib/auth/options.ts) and redirects to callbackUrl. Without the cookie (a
// browser that dropped it) next-auth answers with its own page asking to confirm, which works.
const csrfCookies = ["__Host-next-auth.csrf-token", "next-auth.csrf-token"];

export async function SignOutButton() {
  const jar = await cookies();
  const raw = csrfCookies.map((name) => jar.get(name)?.value).find(Boolean) ?? "";
  const csrfToken = raw.split("|")[0] ?? "";
  return (
    <form method="post" action="/api/auth/signout">
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value="/login" />
      <button
        type="submit"
        className="rounded border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
      >
        Sign out
      </button>
    </form>
  );
}
