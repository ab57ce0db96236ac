"use client";

import { useActionState, useId, useState } from "react";
import { searchMappableCriteriaAction } from "@/lib/actions/mapping-search";
import { ActionMessage } from "./action-message";
import { MapCriterionForm } from "./map-criterion-form";
import { SubmitButton } from "@/components/ui/button";
import { useSubmitByHand } from "./use-submit-by-hand";

/** Search box over the candidate's criteria in all their units; each hit can be mapped at once. */
export function MapCriteriaSearch({ evidenceId }: { evidenceId: string }) {
  const [state, formAction, pending] = useActionState(searchMappableCriteriaAction, null);
  const [query, setQuery] = useState("");
  const id = useId();

  const onSubmit = useSubmitByHand(formAction);

  const result = state?.ok ? state.data : null;
  const shown = result ? result.units.reduce((n, u) => n + u.criteria.length, 0) : 0;
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} role="search" className="space-y-2">
        <input type="hidden" name="evidenceId" value={evidenceId} />
        <label htmlFor={`${id}-query`} className="block font-medium">
          Find criteria by words or reference
        </label>
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          For example “monitor”, “1.2” or “CS34 1.2”. Leave it empty and search to list every criterion of your units.
        </p>
        <div className="flex flex-wrap gap-2">
          <input
            id={`${id}-query`}
            name="query"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-describedby={`${id}-hint`}
            className="w-full max-w-md rounded border border-slate-500 px-3 py-2"
          />
          <SubmitButton pending={pending} label="Search" pendingLabel="Searching…" />
        </div>
      </form>

      {state && !state.ok && <ActionMessage state={state} />}
      <p role="status" className="text-sm">
        {result
          ? result.noUnits
            ? "You have no active units to map evidence to. Ask your centre admin to enrol you."
            : result.total === 0
              ? `No criteria of your units match “${result.query}”. Try other words, or a reference such as 1.2.`
              : result.total > shown
                ? `Showing the first ${shown} of ${result.total} criteria. Add words or a reference to narrow the list.`
                : `${result.total === 1 ? "1 criterion" : `${result.total} criteria`} found.`
          : ""}
      </p>

      {result?.units.map((unit) => (
        <div key={unit.enrolmentId} className="space-y-3">
          <h3 className="text-lg font-semibold">
            {unit.unitCode} {unit.unitTitle}
          </h3>
          <ul className="space-y-3">
            {unit.criteria.map((criterion) => (
              <li key={`${criterion.id}:${JSON.stringify(criterion.mapping)}`}>
                <MapCriterionForm
                  evidenceId={evidenceId}
                  enrolmentId={unit.enrolmentId}
                  unitCode={unit.unitCode}
                  criterion={criterion}
                />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
