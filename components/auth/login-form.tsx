"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { signInWithPassword } from "@/lib/auth/sign-in-client";
import { SubmitButton } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";

export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const failure = await signInWithPassword({ email, password });
    setPending(false);
    if (failure) {
      // Keep the email; clear only the password.
      setPassword("");
      setError(
        failure !== "CredentialsSignin" ? failure : "Sign-in failed. Check your email and password and try again.",
      );
      return;
    }
    router.push(safeCallbackPath(params.get("callbackUrl"), window.location.origin));
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-describedby={error ? "login-error" : undefined}>
      {error ? (
        <p
          id="login-error"
          role="alert"
          aria-live="assertive"
          className="rounded border border-red-700 bg-red-50 p-3 text-red-900"
        >
          <span className="font-semibold">Not signed in: </span>
          {error}
        </p>
      ) : null}
      <CredentialField id="email" label="Email" autoComplete="username" value={email} onChange={setEmail} />
      <CredentialField
        id="password"
        label="Password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
      <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" />
    </form>
  );
}

/** The email or the password: each field's id, name and type are the same word. */
function CredentialField({
  id,
  label,
  autoComplete,
  value,
  onChange,
}: {
  id: "email" | "password";
  label: string;
  autoComplete: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <InputField
      id={id}
      name={id}
      type={id}
      label={label}
      autoComplete={autoComplete}
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className=""
    />
  );
}
