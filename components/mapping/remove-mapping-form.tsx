"use client";

import { useActionState } from "react";
import { removeMappingAction } from "@/lib/actions/mapping-remove";
import { ActionMessage } from "./action-message";

export function RemoveMappingForm({ mappingId, what }: { mappingId: string; what: string }) {
  const [state, formAction, pending] = useActionState(removeMappingAction, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="mappingId" value={mappingId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-red-700 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-70"
      >
        {pending ? "Removing…" : "Remove mapping"}
        <span className="sr-only"> to {what}</span>
      </button>
      <ActionMessage state={state && !state.ok ? state : null} />
    </form>
  );
}
