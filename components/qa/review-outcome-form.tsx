"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { Choice, FieldSet, InputField, TextAreaField } from "@/components/ui/field";
import { recordOutcomeAction } from "@/lib/actions/qa-outcome";
import { errorsFor, valueOf } from "@/lib/forms/form-state";

const fieldIds = { outcome: "outcome-agreed", feedback: "outcome-feedback", dueDate: "outcome-due" };

/** "Record the outcome" of a sampled decision: agreed, or an action for the assessor with a due date. */
export function ReviewOutcomeForm({
  itemId,
  current,
  today,
}: {
  itemId: string;
  /** The outcome already recorded, to change. */
  current: { outcome: "agreed" | "action_required"; feedback: string | null } | null;
  /** Today at the centre ("YYYY-MM-DD"): the earliest due date. */
  today: string;
}) {
  const [state, action, pending] = useActionState(recordOutcomeAction, null);
  const outcome = valueOf(state, "outcome", current?.outcome ?? "");
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="space-y-4" aria-label="Record the outcome">
      <FormProblem state={state} fieldIds={fieldIds} />
      <input type="hidden" name="itemId" value={itemId} />
      <FieldSet
        id="outcome"
        legend="Outcome"
        hint="Agree with the decision, or set an action the assessor must respond to by a date."
        errors={errorsFor(state, "outcome")}
      >
        <Choice
          id="outcome-agreed"
          type="radio"
          name="outcome"
          value="agreed"
          label="Agreed"
          defaultChecked={outcome === "agreed"}
        />
        <Choice
          id="outcome-action"
          type="radio"
          name="outcome"
          value="action_required"
          label="Action required"
          defaultChecked={outcome === "action_required"}
        />
      </FieldSet>
      <TextAreaField
        id="outcome-feedback"
        name="feedback"
        label="Feedback"
        hint="Required for an action: it is what the assessor must do, and they respond to it. Optional when you agree."
        rows={4}
        maxLength={5000}
        defaultValue={valueOf(state, "feedback", current?.feedback ?? "")}
        errors={errorsFor(state, "feedback")}
        className="space-y-1"
      />
      <InputField
        id="outcome-due"
        name="dueDate"
        type="date"
        label="Action due by"
        hint="Required for an action."
        min={today}
        defaultValue={valueOf(state, "dueDate")}
        errors={errorsFor(state, "dueDate")}
        className="space-y-1"
        controlClassName="max-w-xs"
      />
      <SubmitButton pending={pending} label="Record the outcome" pendingLabel="Recording…" />
    </form>
  );
}
