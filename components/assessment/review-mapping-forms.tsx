"use client";

import { useActionState } from "react";
import { reviewMappingAction } from "@/lib/actions/assessment-review-mapping";
import { errorsFor, valueOf, valuesOf, type AssessmentFormState } from "@/lib/assessment/form-state";
import { FieldErrors, FormProblem } from "./form-parts";
import { inputClass, primaryButtonClass, secondaryButtonClass } from "./styles";

type Common = { evidenceId: string; mappingId: string; criterionRef: string };

/** Accept a mapping, with its range items as checkboxes pre-ticked with the candidate's claim. */
export function AcceptMappingForm({
  evidenceId,
  mappingId,
  criterionRef,
  rangeTitle,
  rangeRuleWords,
  rangeItems,
}: Common & { rangeTitle: string | null; rangeRuleWords: string; rangeItems: { id: string; text: string; claimed: boolean }[] }) {
  const [state, action, pending] = useActionState<AssessmentFormState, FormData>(reviewMappingAction, null);
  const prefix = `accept-${mappingId}`;
  const ticked = new Set(valuesOf(state, "rangeItemIds", rangeItems.filter((i) => i.claimed).map((i) => i.id)));
  return (
    <form action={action} key={state?.attempt ?? 0} noValidate className="space-y-3" aria-labelledby={`${prefix}-title`}>
      <h5 id={`${prefix}-title`} className="font-semibold">
        Accept for {criterionRef}
      </h5>
      <FormProblem state={state} fieldIds={{ rangeItemIds: `${prefix}-range`, feedback: `${prefix}-feedback` }} />
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <input type="hidden" name="mappingId" value={mappingId} />
      <input type="hidden" name="decision" value="accept" />
      {rangeItems.length > 0 ? (
        <fieldset id={`${prefix}-range`} className="space-y-1" aria-describedby={errorsFor(state, "rangeItemIds") ? `${prefix}-range-error` : undefined}>
          <legend className="font-medium">
            {rangeTitle ?? "Range"} items this evidence covers{rangeRuleWords ? ` (the unit asks for ${rangeRuleWords})` : ""}
          </legend>
          <p className="text-sm text-slate-700">Ticked as the candidate claimed. Untick any the evidence does not show.</p>
          <FieldErrors id={`${prefix}-range-error`} errors={errorsFor(state, "rangeItemIds")} />
          <input type="hidden" name="rangeShown" value="yes" />
          <ul className="space-y-1">
            {rangeItems.map((item) => (
              <li key={item.id} className="flex items-start gap-2">
                <input id={`${prefix}-${item.id}`} type="checkbox" name="rangeItemId" value={item.id} defaultChecked={ticked.has(item.id)} className="mt-1 h-4 w-4" />
                <label htmlFor={`${prefix}-${item.id}`}>{item.text}</label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <div>
        <label htmlFor={`${prefix}-feedback`} className="block font-medium">
          Comment for the candidate (optional)
        </label>
        <textarea
          id={`${prefix}-feedback`}
          name="feedback"
          rows={2}
          maxLength={5000}
          defaultValue={valueOf(state, "feedback")}
          aria-invalid={errorsFor(state, "feedback") ? true : undefined}
          aria-describedby={errorsFor(state, "feedback") ? `${prefix}-feedback-error` : undefined}
          className={inputClass}
        />
        <FieldErrors id={`${prefix}-feedback-error`} errors={errorsFor(state, "feedback")} />
      </div>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Accepting…" : `Accept for ${criterionRef}`}
      </button>
    </form>
  );
}

/** Refer a mapping back to the candidate with feedback (required). */
export function RejectMappingForm({ evidenceId, mappingId, criterionRef }: Common) {
  const [state, action, pending] = useActionState<AssessmentFormState, FormData>(reviewMappingAction, null);
  const prefix = `reject-${mappingId}`;
  const errors = errorsFor(state, "feedback");
  return (
    <form action={action} key={state?.attempt ?? 0} noValidate className="space-y-3" aria-labelledby={`${prefix}-title`}>
      <h5 id={`${prefix}-title`} className="font-semibold">
        Refer back for {criterionRef}
      </h5>
      <FormProblem state={state} fieldIds={{ feedback: `${prefix}-feedback` }} />
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <input type="hidden" name="mappingId" value={mappingId} />
      <input type="hidden" name="decision" value="reject" />
      <div>
        <label htmlFor={`${prefix}-feedback`} className="block font-medium">
          Feedback: what should the candidate change or add?
        </label>
        <textarea
          id={`${prefix}-feedback`}
          name="feedback"
          rows={3}
          required
          maxLength={5000}
          defaultValue={valueOf(state, "feedback")}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? `${prefix}-feedback-error` : undefined}
          className={inputClass}
        />
        <FieldErrors id={`${prefix}-feedback-error`} errors={errors} />
      </div>
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? "Referring back…" : `Refer back ${criterionRef}`}
      </button>
    </form>
  );
}
