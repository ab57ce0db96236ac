"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/styles";
import type { PersonOption } from "@/lib/enrolments/enrolment-options";
import { Choice, FieldSet } from "@/components/ui/field";

/**
 * The candidates to enrol: a checkbox per candidate of the centre, narrowed by a filter on name
 * or email. Candidates hidden by the filter stay chosen (and are sent); how many are shown and
 * chosen is announced as it changes.
 */
// long-function: one control: the filter box, the shown/ticked count, tick-all and untick-all, and the checkbox list all read and write the same filter and chosen state, so they read best together
export function CandidatePicker({
  id,
  candidates,
  initial,
  errors,
}: {
  id: string;
  candidates: PersonOption[];
  initial: string[];
  errors?: string[];
}) {
  const [filter, setFilter] = useState("");
  const [chosen, setChosen] = useState(() => new Set(initial));
  const words = filter.trim().toLowerCase();
  const shown = new Set(
    candidates.filter((p) => `${p.name} ${p.email}`.toLowerCase().includes(words)).map((p) => p.id),
  );
  const toggle = (personId: string, on: boolean) =>
    setChosen((before) => {
      const after = new Set(before);
      if (on) after.add(personId);
      else after.delete(personId);
      return after;
    });

  return (
    <FieldSet
      id={id}
      legend="Candidates"
      hint="Tick one or more. Each is enrolled on every unit you tick below."
      errors={errors}
    >
      <div className="space-y-1">
        <label htmlFor={`${id}-filter`} className="block text-sm font-medium">
          Show only candidates whose name or email contains
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          // Enter here narrows the list; it must not send the form.
          onKeyDown={(event) => {
            if (event.key === "Enter") event.preventDefault();
          }}
          aria-controls={`${id}-list`}
          autoComplete="off"
          className={inputClass}
        />
      </div>
      <p role="status" className="text-sm text-slate-700">
        Showing {shown.size} of {candidates.length} candidates; {chosen.size} ticked.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() => setChosen((before) => new Set([...before, ...shown]))}
          disabled={shown.size === 0}
        >
          Tick all shown
        </Button>
        <Button variant="secondary" onClick={() => setChosen(new Set())} disabled={chosen.size === 0}>
          Untick all
        </Button>
      </div>
      <ul id={`${id}-list`} className="max-h-80 space-y-2 overflow-y-auto rounded border border-slate-300 bg-white p-3">
        {candidates.map((p) => (
          <li key={p.id} hidden={!shown.has(p.id)}>
            <Choice
              id={`${id}-${p.id}`}
              name="candidateId"
              value={p.id}
              checked={chosen.has(p.id)}
              onChange={(event) => toggle(p.id, event.target.checked)}
              label={`${p.name} (${p.email})`}
            />
          </li>
        ))}
      </ul>
    </FieldSet>
  );
}
