// Signing in with email and password from the browser, as next-auth's client signIn() does for
// a credentials provider, without shipping next-auth's client library to the login, invitation
// and password-reset pages (issue 15, page weight): ask next-auth for its CSRF token, post the
// credentials to its callback with json=true, and read the outcome from the URL it answers with.

/** Null when signed in; else next-auth's error: a message from authorize(), or "CredentialsSignin". */
export async function signInWithPassword(credentials: { email: string; password: string }): Promise<string | null> {
  try {
    const csrf = (await (await fetch("/api/auth/csrf", { credentials: "same-origin" })).json()) as {
      csrfToken?: string;
    };
    const response = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        ...credentials,
        csrfToken: csrf.csrfToken ?? "",
        callbackUrl: window.location.href,
        json: "true",
      }),
    });
    const { url } = (await response.json()) as { url?: string };
    const error = url ? new URL(url, window.location.origin).searchParams.get("error") : null;
    return error ?? (response.ok ? null : "CredentialsSignin");
  } catch {
    // No answer, or not next-auth's: the same message as wrong credentials would be misleading,
    // but nothing better is known here; the form says to try again.
    return "CredentialsSignin";
  }
}
