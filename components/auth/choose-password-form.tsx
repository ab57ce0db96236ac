"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import type { ChoosePasswordState } from "@/lib/actions/people-common";
import { ErrorSummary } from "../people/error-summary";
import { fieldErrorClass, inputClass, linkClass, primaryButtonClass, successClass } from "../people/styles";


/** The action's state, and whether the person was then signed in with the new password. */
type State = (NonNullable<ChoosePasswordState> & { signedIn?: boolean }) | null;

const fieldLabels = {
  password: { label: "Password", target: "new-password" },
  confirmPassword: { label: "Confirm password", target: "confirm-password" },
};

/**
 * Choose a password from a one-time link: the invitation page and the password-reset page. Once
 * the password is set, the person is signed in with it and taken to their home page: asking
 * them to type what they have just chosen again is a step for nothing. Should that sign-in not
 * go through (the account cannot sign in yet, say), they get the link to sign in instead.
 */
export function ChoosePasswordForm({
  action,
  token,
  email,
  rules,
  doneTitle,
}: {
  action: (previous: ChoosePasswordState, formData: FormData) => Promise<ChoosePasswordState>;
  token: string;
  email: string;
  rules: string;
  doneTitle: string;
}) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<State, FormData>(async (previous, formData) => {
    const next = await action(previous, formData);
    const password = formData.get("password");
    if (next?.result.ok && typeof password === "string") {
      const signedIn = await signIn("credentials", { email: next.result.email, password, redirect: false });
      if (signedIn && !signedIn.error) {
        router.replace("/home");
        router.refresh();
        return { ...next, signedIn: true };
      }
    }
    return next;
  }, null);
  const failure = state && !state.result.ok ? state.result : null;
  const done = state?.result.ok ? state.result : null;
  const errors = failure?.fieldErrors ?? {};
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (done) {
    return (
      <div ref={doneRef} tabIndex={-1} role="status" className={`${successClass} space-y-2`}>
        <p className="font-semibold">{doneTitle}</p>
        {state?.signedIn ? (
          <p>You are signed in as {done.email}. Taking you to your home page…</p>
        ) : (
          <p>
            <Link href="/login" className={linkClass}>
              Sign in
            </Link>{" "}
            with {done.email} and your new password.
          </p>
        )}
      </div>
    );
  }

  return (
    <form key={state?.submission ?? 0} action={formAction} noValidate className="space-y-4">
      {failure ? (
        <ErrorSummary
          id="accept-errors"
          title="Password not set"
          message={failure.message}
          fieldErrors={failure.fieldErrors}
          fieldLabels={fieldLabels}
          submission={state?.submission ?? 0}
        />
      ) : null}
      <input type="hidden" name="token" value={token} />
      <div>
        <label htmlFor="invite-email" className="block font-medium">
          Email
        </label>
        <input id="invite-email" name="username" type="email" autoComplete="username" readOnly value={email} className={`${inputClass} bg-slate-100`} />
      </div>
      <div>
        <label htmlFor="new-password" className="block font-medium">
          Password
        </label>
        <p id="new-password-hint" className="text-sm text-slate-700">
          Use {rules}. A few unrelated words make a good one.
        </p>
        <input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={200}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "new-password-hint new-password-error" : "new-password-hint"}
          className={inputClass}
        />
        {errors.password ? (
          <p id="new-password-error" className={fieldErrorClass}>
            {errors.password.join(" ")}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="confirm-password" className="block font-medium">
          Confirm password
        </label>
        <input
          id="confirm-password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          maxLength={200}
          aria-invalid={errors.confirmPassword ? true : undefined}
          aria-describedby={errors.confirmPassword ? "confirm-password-error" : undefined}
          className={inputClass}
        />
        {errors.confirmPassword ? (
          <p id="confirm-password-error" className={fieldErrorClass}>
            {errors.confirmPassword.join(" ")}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Setting your password…" : "Set password"}
      </button>
    </form>
  );
}
