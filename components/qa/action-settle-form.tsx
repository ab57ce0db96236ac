"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { closeActionAction, reopenActionAction } from "@/lib/actions/qa-action";
import { errorsFor, valueOf } from "@/lib/forms/form-state";

const words = {
  close: {
    label: "Close the action",
    pending: "Closing…",
    note: "Note on closing",
    hint: "Say why the action is done. The assessor is told.",
  },
  reopen: {
    label: "Re-open",
    pending: "Re-opening…",
    note: "Note on re-opening",
    hint: "Say what is still needed. The assessor is told and the action is open again.",
  },
} as const;

/** Close a QA action, or re-open a closed one, with a note (required) that goes into its thread. */
export function ActionSettleForm({ actionId, mode }: { actionId: string; mode: "close" | "reopen" }) {
  const [state, action, pending] = useActionState(mode === "close" ? closeActionAction : reopenActionAction, null);
  const w = words[mode];
  const noteId = `${mode}-note-${actionId}`;
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="space-y-3" aria-label={w.label}>
      <FormProblem state={state} fieldIds={{ note: noteId }} />
      <input type="hidden" name="actionId" value={actionId} />
      <TextAreaField
        id={noteId}
        name="note"
        label={w.note}
        hint={w.hint}
        rows={3}
        required
        maxLength={5000}
        defaultValue={valueOf(state, "note")}
        errors={errorsFor(state, "note")}
        className="space-y-1"
      />
      <SubmitButton
        pending={pending}
        label={w.label}
        pendingLabel={w.pending}
        variant={mode === "close" ? "primary" : "secondary"}
      />
    </form>
  );
}
