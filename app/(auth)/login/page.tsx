import type { Metadata } from "next";

export const metadata: Metadata = { title: "Sign in" };

// Placeholder until sign-in lands (issue 5): the form is shown but disabled, and says so.
export default function LoginPage() {
  return (
    <div className="mx-auto max-w-md space-y-4 rounded border border-slate-200 bg-white p-6">
      <h1 className="text-2xl font-bold">Sign in</h1>
      <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
        Sign-in is not available yet. You can browse the units in the meantime.
      </p>
      <form className="space-y-3" aria-describedby="login-disabled">
        <fieldset disabled className="space-y-3">
          <div>
            <label htmlFor="email" className="block text-sm font-medium">Email</label>
            <input id="email" name="email" type="email" autoComplete="email" className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
          </div>
          <div>
            <label htmlFor="password" className="block text-sm font-medium">Password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
          </div>
          <button type="submit" className="rounded bg-slate-500 px-4 py-2 font-medium text-white">Sign in</button>
        </fieldset>
        <p id="login-disabled" className="text-sm text-slate-600">The form is disabled until accounts are set up.</p>
      </form>
    </div>
  );
}
