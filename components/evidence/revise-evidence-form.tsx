"use client";

import { useActionState } from "react";
import { reviseEvidenceAction } from "@/lib/actions/evidence-revise";
import type { FormState } from "@/lib/forms/form-state";
import type { RevisedEvidence } from "@/lib/evidence/revise-evidence";
import { SubmitButton } from "@/components/ui/button";

/**
 * "Revise this evidence": shown only when getEvidence says the evidence may be revised
 * (lib/evidence/evidence-lock.ts); success opens the new version.
 */
export function ReviseEvidenceForm({ evidenceId }: { evidenceId: string }) {
  const [state, formAction, pending] = useActionState<FormState<RevisedEvidence>, FormData>(reviseEvidenceAction, null);
  return (
    <form action={formAction} className="space-y-3" aria-label="Revise this evidence">
      <input type="hidden" name="evidenceId" value={evidenceId} />
      {state && !state.ok ? (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {state.message}
        </p>
      ) : null}
      <SubmitButton pending={pending} label="Revise this evidence" pendingLabel="Making the new version…" />
    </form>
  );
}
