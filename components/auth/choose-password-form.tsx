"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { signInWithPassword } from "@/lib/auth/sign-in-client";
import { errorsFor, type FormAction, type FormState } from "@/lib/forms/form-state";
import { FormWithSummary } from "../people/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { linkClass, successClass } from "@/components/ui/styles";

/** The action's state, and whether the person was then signed in with the new password. */
type State = (NonNullable<FormState<{ email: string }>> & { signedIn?: boolean }) | null;

const fieldLabels = {
  password: { label: "Password", target: "new-password" },
  confirmPassword: { label: "Confirm password", target: "confirm-password" },
};

const summary = { id: "accept-errors", title: "Password not set", fieldLabels };

/**
 * Choose a password from a one-time link: the invitation page and the password-reset page. Once
 * the password is set, the person is signed in with it and taken to their home page: asking
 * them to type what they have just chosen again is a step for nothing. Should that sign-in not
 * go through (the account cannot sign in yet, say), they get the link to sign in instead.
 */
// long-function: one form's whole life: the action that sets the password then signs in, the focus on the done message, the done message itself, and the three fields; they share the form's state, so splitting would pass it around without making any part clearer
export function ChoosePasswordForm({
  action,
  token,
  email,
  rules,
  doneTitle,
}: {
  action: FormAction<{ email: string }>;
  token: string;
  email: string;
  rules: string;
  doneTitle: string;
}) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<State, FormData>(async (previous, formData) => {
    const next = await action(previous, formData);
    const password = formData.get("password");
    if (next?.ok && typeof password === "string") {
      const failure = await signInWithPassword({ email: next.data.email, password });
      if (!failure) {
        router.replace("/home");
        router.refresh();
        return { ...next, signedIn: true };
      }
    }
    return next;
  }, null);
  const done = state?.ok ? state.data : null;
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
    <FormWithSummary state={state} action={formAction} summary={summary}>
      <input type="hidden" name="token" value={token} />
      <InputField
        id="invite-email"
        name="username"
        type="email"
        label="Email"
        autoComplete="username"
        readOnly
        value={email}
        className=""
        controlClassName="bg-slate-100"
      />
      <InputField
        id="new-password"
        name="password"
        type="password"
        label="Password"
        hint={<>Use {rules}. A few unrelated words make a good one.</>}
        autoComplete="new-password"
        required
        maxLength={200}
        errors={errorsFor(state, "password")}
        className=""
      />
      <InputField
        id="confirm-password"
        name="confirmPassword"
        type="password"
        label="Confirm password"
        autoComplete="new-password"
        required
        maxLength={200}
        errors={errorsFor(state, "confirmPassword")}
        className=""
      />
      <SubmitButton pending={pending} label="Set password" pendingLabel="Setting your password…" />
    </FormWithSummary>
  );
}
