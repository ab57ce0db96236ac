"use client";

import { useActionState } from "react";
import { retryJobAction } from "@/lib/actions/jobs-retry";
import { SubmitButton } from "@/components/ui/button";
import { alertClass, successClass } from "@/components/ui/styles";

/** Platform jobs: run one failed job again. */
export function RetryJobButton({ jobId, name }: { jobId: string; name: string }) {
  const [state, formAction, pending] = useActionState(retryJobAction, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="jobId" value={jobId} />
      {state ? (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? successClass : alertClass}>
          {state.message}
        </p>
      ) : null}
      <SubmitButton pending={pending} label="Retry" pendingLabel="Queuing…" variant="secondary" />
      <span className="sr-only"> the {name} job</span>
    </form>
  );
}
