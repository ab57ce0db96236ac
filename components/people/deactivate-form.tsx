"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { setDeactivatedAction } from "@/lib/actions/people-set-deactivated";
import {
  alertClass,
  dangerButtonClass,
  primaryButtonClass,
  secondaryButtonClass,
  successClass,
} from "@/components/ui/styles";

/** Deactivate (or reactivate) with a confirmation step, so one stray click changes nothing. */
export function DeactivateForm({
  userId,
  personName,
  deactivated,
}: {
  userId: string;
  personName: string;
  deactivated: boolean;
}) {
  const [state, formAction, pending] = useActionState(setDeactivatedAction, null);
  const [confirming, setConfirming] = useState(false);
  const confirmHeading = useRef<HTMLParagraphElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const verb = deactivated ? "Reactivate" : "Deactivate";

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);
  // A new answer from the server closes the confirmation. Compared while rendering (React's
  // "storing information from previous renders"), not in an effect, to avoid a second render pass.
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    setConfirming(false);
  }

  return (
    <div className="space-y-3">
      {state ? (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? successClass : alertClass}>
          {state.ok ? state.message : `Not changed: ${state.message}`}
        </p>
      ) : null}
      {!confirming ? (
        <button
          ref={startButton}
          type="button"
          onClick={() => setConfirming(true)}
          className={deactivated ? primaryButtonClass : dangerButtonClass}
        >
          {verb} at this centre
        </button>
      ) : (
        <form action={formAction} className="space-y-3 rounded border border-slate-400 bg-white p-4">
          <p ref={confirmHeading} tabIndex={-1} className="font-medium">
            {deactivated
              ? `Reactivate ${personName} at this centre? Their roles here will work again.`
              : `Deactivate ${personName} at this centre? Their roles here end at once. Nothing is deleted, and other centres they belong to are not affected.`}
          </p>
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="deactivated" value={deactivated ? "false" : "true"} />
          <div className="flex flex-wrap gap-3">
            <button type="submit" disabled={pending} className={deactivated ? primaryButtonClass : dangerButtonClass}>
              {pending ? "Working…" : `Yes, ${verb.toLowerCase()} ${personName}`}
            </button>
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => startButton.current?.focus());
              }}
              className={secondaryButtonClass}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
