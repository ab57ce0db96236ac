import Link from "next/link";
import { Fragment } from "react";
import { Pagination } from "@/components/ui/pagination";
import type { CriterionSearch } from "@/lib/dal/standards";
import { Highlight } from "./highlight";
import { CriterionGroupName, CriterionKindBadge } from "./labels";

function pageHref(query: string, page: number): string {
  const params = new URLSearchParams({ q: query });
  if (page > 1) params.set("page", String(page));
  return `/standards?${params.toString()}`;
}

type SearchUnit = CriterionSearch["units"][number];

/** One matching criterion: its reference (linking to it in the unit), kind, group, text and matching range items. */
function SearchResultItem({
  criterion,
  unit,
  unitHref,
  words,
}: {
  criterion: SearchUnit["criteria"][number];
  unit: SearchUnit;
  unitHref: string;
  words: CriterionSearch["words"];
}) {
  return (
    <li className="rounded border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <Link
          href={`${unitHref}#${criterion.anchor}`}
          className="font-mono font-semibold text-brand-700 underline underline-offset-2"
        >
          {criterion.ref}
          <span className="sr-only"> in {unit.code}</span>
        </Link>
        <CriterionKindBadge kind={criterion.kind} />
        <CriterionGroupName criterion={criterion} className="text-sm text-slate-700" />
      </div>
      <p className="mt-1">
        <Highlight text={criterion.text} words={words} />
      </p>
      {(criterion.rangeRule || criterion.rangeMatches.length > 0) && (
        <p className="mt-1 text-sm text-slate-700">
          {criterion.rangeRule ? `Range: cover ${criterion.rangeRule}` : "Range"}
          {criterion.rangeMatches.length > 0 && (
            <>
              {", including "}
              {criterion.rangeMatches.map((item, i) => (
                <Fragment key={i}>
                  {i > 0 && "; "}
                  <Highlight text={item} words={words} />
                </Fragment>
              ))}
            </>
          )}
        </p>
      )}
    </li>
  );
}

export function SearchResults({ result }: { result: CriterionSearch }) {
  const { query, total, page, pageCount, pageSize } = result;
  if (!result.searchable) {
    return (
      <p className="rounded border border-slate-300 bg-white p-4">
        “{query}” has no words or references to search for; type a word such as monitor, or a reference such as CS34
        1.2.
      </p>
    );
  }
  if (total === 0) {
    return (
      <p className="rounded border border-slate-300 bg-white p-4">
        No criteria match “{query}”; try fewer words or a reference like 1.2.
      </p>
    );
  }
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  return (
    <div className="space-y-4">
      <p>
        {total === 1 ? "1 criterion matches" : `${total} criteria match`} “{query}”
        {pageCount > 1 && `; showing ${first} to ${last}`}.
      </p>
      {result.units.map((unit, index) => {
        const unitHref = `/standards/${encodeURIComponent(unit.code)}`;
        return (
          <section key={unit.code} aria-labelledby={`results-${index}`} className="space-y-2">
            <h3 id={`results-${index}`} className="text-lg font-semibold">
              <Link href={unitHref} className="text-brand-700 underline underline-offset-2">
                {unit.code} {unit.title}
              </Link>
            </h3>
            <ul className="space-y-2">
              {unit.criteria.map((criterion) => (
                <SearchResultItem
                  key={criterion.anchor}
                  criterion={criterion}
                  unit={unit}
                  unitHref={unitHref}
                  words={result.words}
                />
              ))}
            </ul>
          </section>
        );
      })}
      <Pagination
        page={page}
        pageCount={pageCount}
        href={(target) => pageHref(query, target)}
        label="Search result pages"
        className="flex flex-wrap items-center gap-4"
      />
    </div>
  );
}
