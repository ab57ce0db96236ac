"use client";

import { useActionState, type ReactNode } from "react";
import { reviewMappingAction } from "@/lib/actions/assessment-review-mapping";
import { errorsFor, valueOf, valuesOf, type FormState } from "@/lib/forms/form-state";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, TextAreaField } from "@/components/ui/field";
import { FormProblem } from "./form-parts";

type Common = { evidenceId: string; mappingId: string; criterionRef: string };

/** Accept a mapping, with its range items as checkboxes pre-ticked with the candidate's claim. */
export function AcceptMappingForm({
  evidenceId,
  mappingId,
  criterionRef,
  rangeTitle,
  rangeRuleWords,
  rangeItems,
  claimant = "candidate",
}: Common & {
  rangeTitle: string | null;
  rangeRuleWords: string;
  rangeItems: { id: string; text: string; claimed: boolean }[];
  /** Who made the claim; a witness ticks criteria only. */
  claimant?: "candidate" | "witness";
}) {
  const [state, action, pending] = useActionState(reviewMappingAction, null);
  const prefix = `accept-${mappingId}`;
  const ticked = new Set(
    valuesOf(
      state,
      "rangeItemId",
      rangeItems.filter((i) => i.claimed).map((i) => i.id),
    ),
  );
  return (
    <DecisionForm
      {...{ evidenceId, mappingId, state, action }}
      decision="accept"
      title={`Accept for ${criterionRef}`}
      fieldIds={{ rangeItemIds: `${prefix}-range`, feedback: `${prefix}-feedback` }}
    >
      {rangeItems.length > 0 ? (
        <>
          <input type="hidden" name="rangeShown" value="yes" />
          <CheckboxGroup
            id={`${prefix}-range`}
            legend={`${rangeTitle ?? "Range"} items this evidence covers${rangeRuleWords ? ` (the unit asks for ${rangeRuleWords})` : ""}`}
            hint={
              claimant === "witness"
                ? "The witness named the criterion, not its range items: tick those the testimony shows."
                : "Ticked as the candidate claimed. Untick any the evidence does not show."
            }
            errors={errorsFor(state, "rangeItemIds")}
            name="rangeItemId"
            choices={rangeItems.map((item) => ({ value: item.id, label: item.text }))}
            checked={ticked}
            itemIdPrefix={prefix}
          />
        </>
      ) : null}
      <TextAreaField
        id={`${prefix}-feedback`}
        name="feedback"
        label="Comment for the candidate (optional)"
        rows={2}
        maxLength={5000}
        defaultValue={valueOf(state, "feedback")}
        errors={errorsFor(state, "feedback")}
        className=""
      />
      <SubmitButton pending={pending} label={`Accept for ${criterionRef}`} pendingLabel="Accepting…" />
    </DecisionForm>
  );
}

/** Refer a mapping back to the candidate with feedback (required). */
export function RejectMappingForm({ evidenceId, mappingId, criterionRef }: Common) {
  const [state, action, pending] = useActionState(reviewMappingAction, null);
  const prefix = `reject-${mappingId}`;
  return (
    <DecisionForm
      {...{ evidenceId, mappingId, state, action }}
      decision="reject"
      title={`Refer back for ${criterionRef}`}
      fieldIds={{ feedback: `${prefix}-feedback` }}
    >
      <TextAreaField
        id={`${prefix}-feedback`}
        name="feedback"
        label="Feedback: what should the candidate change or add?"
        required
        maxLength={5000}
        defaultValue={valueOf(state, "feedback")}
        errors={errorsFor(state, "feedback")}
        className=""
      />
      <SubmitButton
        pending={pending}
        label={`Refer back ${criterionRef}`}
        pendingLabel="Referring back…"
        variant="secondary"
      />
    </DecisionForm>
  );
}

/** A decision on one mapping: a form named by its heading, the refusal if any, and what it sends. */
function DecisionForm({
  evidenceId,
  mappingId,
  decision,
  title,
  state,
  action,
  fieldIds,
  children,
}: Omit<Common, "criterionRef"> & {
  decision: "accept" | "reject";
  title: string;
  state: FormState<unknown>;
  action: (formData: FormData) => void;
  fieldIds: Record<string, string>;
  children: ReactNode;
}) {
  const titleId = `${decision}-${mappingId}-title`;
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="space-y-3" aria-labelledby={titleId}>
      <h5 id={titleId} className="font-semibold">
        {title}
      </h5>
      <FormProblem state={state} fieldIds={fieldIds} />
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <input type="hidden" name="mappingId" value={mappingId} />
      <input type="hidden" name="decision" value={decision} />
      {children}
    </form>
  );
}
