import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { getActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await getActor()) redirect("/home");
  return (
    <div className="mx-auto max-w-md space-y-4 rounded border border-slate-200 bg-white p-6">
      <h1 className="text-2xl font-bold">Sign in</h1>
      <p className="text-slate-700">
        Use the email your centre registered you with. New here? Use the invitation link your centre admin sent you.
      </p>
      <Suspense>
        <LoginForm />
      </Suspense>
      <p>
        <Link href="/reset-password" className="text-brand-700 underline underline-offset-2 hover:no-underline">
          Forgotten your password?
        </Link>
      </p>
    </div>
  );
}
