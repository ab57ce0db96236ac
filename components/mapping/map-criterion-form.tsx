"use client";

import { useActionState, useState } from "react";
import { focusWhenShown } from "@/components/a11y/focus-when-shown";
import { CriterionGroupName, CriterionKindBadge } from "@/components/standards/labels";
import { proposeMappingsAction } from "@/lib/actions/mapping-propose-many";
import type { MappableCriterion } from "@/lib/mapping/search-mappable-criteria";
import { mappingStatusLabel } from "@/lib/mapping/status-words";
import { MappingWarnings } from "./action-message";
import { ClaimOffersFieldset, initialOfferChoices } from "./claim-offers-fieldset";
import { ClaimOutcomes } from "./claim-outcomes";
import { RangeCheckboxes } from "./range-checkboxes";
import { useSubmitByHand } from "./use-submit-by-hand";

/** The claiming action; after it, focus moves to what it said (element `resultId`). */
function useClaimAction(resultId: string) {
  return useActionState(
    async (previous: Awaited<ReturnType<typeof proposeMappingsAction>> | null, formData: FormData) => {
      const result = await proposeMappingsAction(previous, formData);
      focusWhenShown(resultId);
      return result;
    },
    null,
  );
}

/**
 * One criterion found by the search: its range items as checkboxes, its equivalents in the
 * candidate's other units to claim in the same step (issue #18), and a "Map" button, named
 * with its unit and criterion ("Map to CS34 1.2": the list has one per criterion). After
 * mapping, focus moves to what the action said, claim by claim.
 */
export function MapCriterionForm({
  evidenceId,
  enrolmentId,
  unitCode,
  criterion,
}: {
  evidenceId: string;
  enrolmentId: string;
  unitCode: string;
  criterion: MappableCriterion;
}) {
  const idPrefix = `map-${enrolmentId}-${criterion.id}`;
  const [state, formAction, pending] = useClaimAction(`${idPrefix}-result`);
  const [checked, setChecked] = useState<Set<string>>(() => new Set(criterion.mapping?.rangeItemIds ?? []));
  const [offerChoices, setOfferChoices] = useState(() => initialOfferChoices(criterion.offers));
  const accepted = criterion.mapping?.status === "ACCEPTED";
  const primary = state?.ok ? state.data.outcomes[0] : undefined;
  const warnings = primary?.ok ? primary.mapping.warnings : criterion.warnings;

  // Submitted by hand so the ticks stay as they are after the action (a form action would reset them),
  // whether it mapped everything or some unit refused.
  const onSubmit = useSubmitByHand(formAction);

  return (
    <form onSubmit={onSubmit} className="rounded border border-slate-200 bg-white p-4">
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <input type="hidden" name="criterionId" value={criterion.id} />
      <fieldset className="space-y-3">
        <legend className="font-medium">
          <span className="font-mono font-semibold">{criterion.ref}</span> {criterion.text}
        </legend>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <CriterionKindBadge kind={criterion.kind} />
          <CriterionGroupName criterion={criterion} />
        </p>
        {criterion.mapping && (
          <p className="text-sm">
            Already mapped: <strong>{mappingStatusLabel(criterion.mapping.status)}</strong>.{" "}
            {accepted
              ? "Your assessor accepted it, so it can no longer be changed."
              : "Mapping again replaces the ticked range items."}
          </p>
        )}
        <RangeCheckboxes
          idPrefix={idPrefix}
          range={criterion}
          checked={checked}
          onChange={setChecked}
          disabled={accepted}
        />
        <MappingWarnings warnings={warnings} lead={primary?.ok ? "Warning" : "If you map this"} />
        {!accepted && (
          <ClaimOffersFieldset
            idPrefix={idPrefix}
            criterionRef={`${unitCode} ${criterion.ref}`}
            offers={criterion.offers}
            choices={offerChoices}
            onChange={setOfferChoices}
          />
        )}
        {!accepted && (
          <button
            type="submit"
            disabled={pending}
            className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70"
          >
            {pending ? "Mapping…" : "Map"}
            <span className="sr-only">
              {" "}
              to {unitCode} {criterion.ref}
            </span>
          </button>
        )}
        <ClaimOutcomes state={state} id={`${idPrefix}-result`} />
      </fieldset>
    </form>
  );
}
