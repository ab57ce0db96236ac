"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/forms/form-state";
import { SubmitButton } from "@/components/ui/button";

// Its own module, not part of evidence-form.tsx: the evidence page shows this form but not the
// evidence fields, and a client module is shipped whole (issue 15, page weight).

/** Deletes evidence after a second, deliberate click; shows why if the server refuses. */
export function DeleteEvidenceForm({ action }: { action: FormAction<void> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const refusal = state && !state.ok ? state.message : null;
  return (
    <details className="rounded border border-slate-300 bg-white p-4" open={refusal ? true : undefined}>
      <summary className="cursor-pointer font-medium text-red-800">Delete this evidence</summary>
      <form action={formAction} className="mt-3 space-y-3">
        <p>This removes the evidence, its files and its proposed mappings. It cannot be undone.</p>
        {refusal ? (
          <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
            {refusal}
          </p>
        ) : null}
        <SubmitButton variant="danger" pending={pending} label="Delete permanently" pendingLabel="Deleting…" />
      </form>
    </details>
  );
}
