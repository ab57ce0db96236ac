import Link from "next/link";

// The pieces of the list filter forms (plain GET forms: the filters live in the address, so a
// filtered view can be bookmarked, shared and exported as it is).

export const filterControl = "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2";

export type FilterChoice = { value: string; label: string };

/** A labelled select; `anyLabel` is the empty choice that means "no filter". */
export function FilterSelect({
  id,
  name,
  label,
  value,
  choices,
  anyLabel,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  choices: FilterChoice[];
  anyLabel?: string;
  hint?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={filterControl} aria-describedby={hintId}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={hintId} className="mt-1 text-sm text-slate-700">
          {hint}
        </p>
      )}
    </div>
  );
}

/** The search box for a candidate's name or email. */
export function FilterSearch({ id, value }: { id: string; value: string | undefined }) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        Candidate name or email
      </label>
      <input id={id} name="search" type="search" defaultValue={value ?? ""} className={filterControl} />
    </div>
  );
}

/** Apply, and a link back to the unfiltered view. */
export function FilterActions({ clearHref, className }: { clearHref: string; className: string }) {
  return (
    <div className={`flex flex-wrap items-center gap-4 ${className}`}>
      <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
        Apply filters
      </button>
      <Link href={clearHref} className="text-brand-700 underline">
        Clear filters
      </Link>
    </div>
  );
}

/** Unit choices as every filter shows them: "CS34 — Manage customer service operations". */
export function unitChoices(units: { code: string; title: string }[]): FilterChoice[] {
  return units.map((u) => ({ value: u.code, label: `${u.code} — ${u.title}` }));
}

export function personChoices(people: { id: string; name: string }[]): FilterChoice[] {
  return people.map((p) => ({ value: p.id, label: p.name }));
}
