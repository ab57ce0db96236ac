"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { revokeTestimonyRequestAction } from "@/lib/actions/witness-revoke";

/** Takes back a request the witness has not answered yet. */
export function RevokeRequestForm({ requestId, witnessName }: { requestId: string; witnessName: string }) {
  const [state, action, pending] = useActionState(revokeTestimonyRequestAction, null);
  return (
    <form action={action} className="space-y-2" aria-label={`Revoke the request to ${witnessName}`}>
      <FormProblem state={state} />
      <input type="hidden" name="requestId" value={requestId} />
      <SubmitButton pending={pending} label="Revoke request" pendingLabel="Revoking…" variant="secondary" />
    </form>
  );
}
