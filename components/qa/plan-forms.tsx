"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { InputField, Options, SelectField } from "@/components/ui/field";
import { addToPlanAction, proposeSampleAction, removePlanItemAction } from "@/lib/actions/qa-plan";
import { errorsFor, valueOf } from "@/lib/forms/form-state";
import { planLimits, SEED_MAX } from "@/lib/qa/plan-input";

/** A new plan: its title and period (and, to repeat a sample, its seed); the sampler proposes the items. */
export function ProposeSampleForm({
  defaults,
  earliest,
  latest,
}: {
  defaults: { firstDay: string; lastDay: string };
  earliest: string;
  latest: string;
}) {
  const [state, action, pending] = useActionState(proposeSampleAction, null);
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="space-y-4" aria-label="New sampling plan">
      <FormProblem
        state={state}
        fieldIds={{ title: "plan-title", firstDay: "plan-first-day", lastDay: "plan-last-day", seed: "plan-seed" }}
      />
      <InputField
        id="plan-title"
        name="title"
        label="Title"
        hint="For example: Interim sampling, spring term."
        required
        maxLength={planLimits.title}
        defaultValue={valueOf(state, "title")}
        errors={errorsFor(state, "title")}
        className="space-y-1"
      />
      <div className="flex flex-wrap gap-4">
        <InputField
          id="plan-first-day"
          name="firstDay"
          label="First day"
          type="date"
          required
          min={earliest}
          max={latest}
          defaultValue={valueOf(state, "firstDay", defaults.firstDay)}
          errors={errorsFor(state, "firstDay")}
          className="space-y-1"
        />
        <InputField
          id="plan-last-day"
          name="lastDay"
          label="Last day"
          type="date"
          required
          min={earliest}
          max={latest}
          defaultValue={valueOf(state, "lastDay", defaults.lastDay)}
          errors={errorsFor(state, "lastDay")}
          className="space-y-1"
        />
      </div>
      <InputField
        id="plan-seed"
        name="seed"
        label="Seed (optional)"
        hint="Leave blank to have one picked; the plan shows it. The same seed over the same decisions proposes the same sample."
        type="number"
        inputMode="numeric"
        min={0}
        max={SEED_MAX}
        step={1}
        defaultValue={valueOf(state, "seed")}
        errors={errorsFor(state, "seed")}
        className="space-y-1"
        controlClassName="max-w-xs"
      />
      <SubmitButton pending={pending} label="Propose a sample" pendingLabel="Proposing…" />
    </form>
  );
}

/** Adds one decision of the period, chosen from a list, to the plan by hand. */
export function AddDecisionForm({
  planId,
  options,
}: {
  planId: string;
  options: { decisionId: string; label: string }[];
}) {
  const [state, action, pending] = useActionState(addToPlanAction, null);
  return (
    <form
      action={action}
      key={state?.submission ?? 0}
      noValidate
      className="space-y-3"
      aria-label="Add a decision to the plan"
    >
      <FormProblem state={state} fieldIds={{ decisionId: "add-decision" }} />
      <input type="hidden" name="planId" value={planId} />
      <SelectField
        id="add-decision"
        name="decisionId"
        label="Add a decision"
        required
        defaultValue={valueOf(state, "decisionId")}
        errors={errorsFor(state, "decisionId")}
        className="space-y-1"
        controlClassName="max-w-3xl"
      >
        <Options
          emptyLabel="Choose a decision"
          emptyDisabled
          choices={options.map((o) => ({ value: o.decisionId, label: o.label }))}
        />
      </SelectField>
      <SubmitButton pending={pending} label="Add to plan" pendingLabel="Adding…" />
    </form>
  );
}

/** Takes an item that has not been sampled out of the plan. */
export function RemoveItemForm({ planId, itemId, what }: { planId: string; itemId: string; what: string }) {
  const [state, action, pending] = useActionState(removePlanItemAction, null);
  return (
    <form action={action} key={state?.submission ?? 0} className="space-y-1">
      <FormProblem state={state} />
      <input type="hidden" name="planId" value={planId} />
      <input type="hidden" name="itemId" value={itemId} />
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className="text-sm font-medium text-red-800 underline underline-offset-2 hover:text-red-900 disabled:opacity-70"
      >
        {pending ? "Removing…" : "Remove"}
        <span className="sr-only"> {what}</span>
      </button>
    </form>
  );
}
