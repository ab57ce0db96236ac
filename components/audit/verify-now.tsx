"use client";

import { useActionState } from "react";
import { verifyAuditChainAction, type VerifyChainState } from "@/lib/actions/audit-verify";
import { alertClass, secondaryButtonClass, successClass } from "../people/styles";

/** Re-walks the chain (a centre's, or every one on the platform view) and says what it found. */
export function VerifyNow({ scope }: { scope: "centre" | "platform" }) {
  const [state, formAction, pending] = useActionState<VerifyChainState, FormData>(verifyAuditChainAction, null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="scope" value={scope} />
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? "Verifying…" : "Verify now"}
      </button>
      {state ? (
        <p role={state.result.ok ? "status" : "alert"} className={state.result.ok ? successClass : alertClass}>
          {state.result.message}
        </p>
      ) : null}
    </form>
  );
}
