"use client";

import { useActionState } from "react";
import { verifyAuditChainAction } from "@/lib/actions/audit-verify";
import { alertClass, secondaryButtonClass, successClass } from "@/components/ui/styles";

/** Re-walks the chain (a centre's, or every one on the platform view) and says what it found. */
export function VerifyNow({ scope }: { scope: "centre" | "platform" }) {
  const [state, formAction, pending] = useActionState(verifyAuditChainAction, null);
  // What the chain was found to be, or why verifying was refused.
  const outcome = state ? (state.ok ? state.data : { ok: false, message: state.message }) : null;
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="scope" value={scope} />
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? "Verifying…" : "Verify now"}
      </button>
      {outcome ? (
        <p role={outcome.ok ? "status" : "alert"} className={outcome.ok ? successClass : alertClass}>
          {outcome.message}
        </p>
      ) : null}
    </form>
  );
}
