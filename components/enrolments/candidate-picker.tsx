"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/styles";
import type { CandidateMatches, PersonOption } from "@/lib/enrolments/enrolment-options";
import { Choice, FieldSet } from "@/components/ui/field";

/** Candidates the admin has ticked, by id; kept by the form so a refused submission keeps them. */
export type Ticked = ReadonlyMap<string, PersonOption>;

const label = (p: PersonOption) => `${p.name} (${p.email})`;

/** Waits this long after the last key before asking the server, so typing a name is one search. */
const SEARCH_DELAY_MS = 200;

/**
 * The candidates to enrol. A centre may have thousands, so the server lists the first matches
 * (lib/enrolments/enrolment-options.ts) and the filter box asks it again as the admin types.
 * Ticked candidates stay ticked (and are sent) whatever the filter shows; those the filter
 * hides are listed under the matches, so every ticked candidate is on screen once.
 */
// long-function: one control: the filter box and its search, the count, tick-all and untick-all, and the two checkbox lists all read and write the same filter, matches and ticked state, so they read best together
export function CandidatePicker({
  id,
  name = "candidateId",
  legend = "Candidates",
  hint = "Tick one or more. Each is enrolled on every unit you tick below.",
  enrolledOnly = false,
  initialMatches,
  ticked,
  onTickedChange,
  errors,
}: {
  id: string;
  /** The form field each ticked candidate's id is sent as. */
  name?: string;
  legend?: string;
  hint?: string;
  /** Search only candidates enrolled at the centre (as `initialMatches` must have been read). */
  enrolledOnly?: boolean;
  /** The first matches of an empty filter, read with the page. */
  initialMatches: CandidateMatches;
  ticked: Ticked;
  onTickedChange: (next: Ticked) => void;
  errors?: string[];
}) {
  const [filter, setFilter] = useState("");
  const [matches, setMatches] = useState(initialMatches);
  const [searching, setSearching] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const words = filter.trim();

  useEffect(() => {
    if (words === matches.query) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setSearching(true);
      try {
        const search = new URLSearchParams({ q: words, ...(enrolledOnly ? { enrolled: "1" } : {}) });
        const response = await fetch(`/api/admin/candidates?${search}`, {
          signal: controller.signal,
        });
        const body = (await response.json().catch(() => ({}))) as Partial<CandidateMatches> & { message?: string };
        if (!response.ok || !body.candidates)
          throw new Error(body.message ?? `The server answered ${response.status}.`);
        setMatches(body as CandidateMatches);
        setProblem(null);
      } catch (error) {
        if (controller.signal.aborted) return;
        setProblem(`Could not search the candidates: ${(error as Error).message} Try again.`);
      } finally {
        if (!controller.signal.aborted) setSearching(false);
      }
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [words, matches.query, enrolledOnly]);

  const shown = matches.candidates;
  const shownIds = new Set(shown.map((p) => p.id));
  const tickedElsewhere = [...ticked.values()].filter((p) => !shownIds.has(p.id));
  const setTicked = (people: PersonOption[], on: boolean) => {
    const next = new Map(ticked);
    for (const p of people) {
      if (on) next.set(p.id, p);
      else next.delete(p.id);
    }
    onTickedChange(next);
  };
  const box = (p: PersonOption) => (
    <li key={p.id}>
      <Choice
        id={`${id}-${p.id}`}
        name={name}
        value={p.id}
        checked={ticked.has(p.id)}
        onChange={(event) => setTicked([p], event.target.checked)}
        label={label(p)}
      />
    </li>
  );
  const more = matches.matching - shown.length;

  return (
    <FieldSet id={id} legend={legend} hint={hint} errors={errors}>
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
          maxLength={200}
          className={inputClass}
        />
      </div>
      <p role="status" className="text-sm text-slate-700">
        {problem ??
          (searching
            ? "Searching…"
            : `Showing ${shown.length} of ${matches.matching} ${matches.query ? "matching " : ""}candidates; ${ticked.size} ticked.${
                more > 0 ? ` Type part of a name or email to find the other ${more}.` : ""
              }`)}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => setTicked(shown, true)} disabled={shown.length === 0}>
          Tick all shown
        </Button>
        <Button variant="secondary" onClick={() => onTickedChange(new Map())} disabled={ticked.size === 0}>
          Untick all
        </Button>
      </div>
      <ul
        id={`${id}-list`}
        aria-busy={searching}
        className="max-h-80 space-y-2 overflow-y-auto rounded border border-slate-300 bg-white p-3"
      >
        {shown.length > 0 ? (
          shown.map(box)
        ) : (
          <li className="text-sm text-slate-700">
            {matches.query
              ? `No candidate’s name or email contains “${matches.query}”. Check the spelling, or search for less.`
              : enrolledOnly
                ? "No candidate is enrolled at this centre yet."
                : "This centre has no candidates yet."}
          </li>
        )}
      </ul>
      {tickedElsewhere.length > 0 ? (
        <div className="space-y-2">
          <h3 id={`${id}-elsewhere`} className="text-sm font-medium">
            Also ticked (not among the candidates shown above)
          </h3>
          <ul aria-labelledby={`${id}-elsewhere`} className="space-y-2 rounded border border-slate-300 bg-white p-3">
            {tickedElsewhere.map(box)}
          </ul>
        </div>
      ) : null}
    </FieldSet>
  );
}
