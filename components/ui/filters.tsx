import Link from "next/link";
import type { ReactNode } from "react";
import { linkClass, primaryButtonClass } from "./styles";

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

/**
 * Several selects from one list: each one's id is the prefix, a dash and its name, and its value
 * the filter of that name.
 */
export function FilterSelects<Name extends string>({
  idPrefix,
  values,
  selects,
}: {
  idPrefix: string;
  values: Partial<Record<Name, string>>;
  selects: (Omit<Parameters<typeof FilterSelect>[0], "id" | "value"> & { name: Name })[];
}) {
  return (
    <>
      {selects.map((select) => (
        <FilterSelect key={select.name} id={`${idPrefix}-${select.name}`} value={values[select.name]} {...select} />
      ))}
    </>
  );
}

/** A labelled input (a search box, a date); the empty value means "no filter". */
export function FilterInput({
  id,
  label,
  value,
  className,
  ...input
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  /** Classes of the wrapper (to span grid columns, say). */
  className?: string;
  type: "search" | "date";
  maxLength?: number;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input id={id} {...input} defaultValue={value ?? ""} className={filterControl} />
    </div>
  );
}

/** The search box for a candidate's name or email. */
export function FilterSearch({ id, value }: { id: string; value: string | undefined }) {
  return <FilterInput id={id} name="search" type="search" label="Candidate name or email" value={value} />;
}

/** Apply, and a link back to the unfiltered view. */
export function FilterActions({ clearHref, className }: { clearHref: string; className: string }) {
  return (
    <div className={`flex flex-wrap items-center gap-4 ${className}`}>
      <button type="submit" className={primaryButtonClass}>
        Apply filters
      </button>
      <Link href={clearHref} className={linkClass}>
        Clear filters
      </Link>
    </div>
  );
}

/** Unit choices as every filter shows them: "CS34 — Manage customer service operations". */
export function unitChoices(units: { code: string; title: string }[]): FilterChoice[] {
  return units.map((u) => ({ value: u.code, label: `${u.code} — ${u.title}` }));
}

/** Choices for a list of values and the words each stands for. */
export function labelledChoices<T extends string>(values: readonly T[], labels: Record<T, string>): FilterChoice[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

export function personChoices(people: { id: string; name: string }[]): FilterChoice[] {
  return people.map((p) => ({ value: p.id, label: p.name }));
}

/**
 * A one-row filter form in a white box: the fields, the submit button, and (once something is
 * filtered) a link back to the whole list.
 */
export function FilterBar({
  action,
  label,
  submitLabel,
  clear,
  children,
}: {
  action: string;
  /** The search landmark's accessible name. */
  label: string;
  submitLabel: string;
  /** The link back to the unfiltered list, when the list is filtered. */
  clear?: { href: string; label: string };
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4"
    >
      {children}
      <button type="submit" className={primaryButtonClass}>
        {submitLabel}
      </button>
      {clear ? (
        <Link href={clear.href} className={`${linkClass} py-2`}>
          {clear.label}
        </Link>
      ) : null}
    </form>
  );
}
