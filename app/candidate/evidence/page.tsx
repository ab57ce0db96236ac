import type { Metadata } from "next";
import Link from "next/link";
import { CandidatesOnly } from "@/components/evidence/candidates-only";
import { ColumnHeadings } from "@/components/ui/data-table";
import { FilterInput, FilterSelects } from "@/components/ui/filters";
import { Pagination } from "@/components/ui/pagination";
import { Section } from "@/components/ui/section";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import {
  evidenceListQueryFrom,
  evidenceStatusFilters,
  ignoredDateNotice,
  listEvidence,
  type EvidenceListFilters,
} from "@/lib/evidence/list-evidence";
import { evidenceMethods } from "@/lib/evidence/methods";
import { formatDate } from "@/lib/format/date";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Your evidence" };

type SearchParams = Record<string, string | string[] | undefined>;

const methodChoices = evidenceMethods.map((m) => ({ value: m.id, label: m.label }));
const statusChoices = evidenceStatusFilters.map((s) => ({ value: s.id, label: s.label }));
const unitChoice = (unit: { code: string; title: string }) => ({
  value: unit.code,
  label: `${unit.code}: ${unit.title}`,
});
const columns = ["Title", "Method", "Activity date", "Files", "Mappings", "Status"];

/** The query string for the given filters and page, as the filter form itself would send it. */
function listHref(filters: EvidenceListFilters, page = 1): string {
  const params = new URLSearchParams();
  if (filters.method) params.set("method", filters.method);
  if (filters.unit) params.set("unit", filters.unit);
  if (filters.status) params.set("status", filters.status);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.search) params.set("q", filters.search);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/candidate/evidence?${search}` : "/candidate/evidence";
}

// long-function: the evidence library read top to bottom: the heading and Add link, the deleted notice, the filter form, then either the empty message or the table and pager; each part is markup used once, in the order the page shows it
export default async function EvidenceLibraryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (actor.active?.role !== "CANDIDATE") {
    return (
      <CandidatesOnly title="Evidence library" actor={actor}>
        The evidence library is for candidates.
      </CandidatesOnly>
    );
  }

  const params = await searchParams;
  const { filters, page, ignored } = evidenceListQueryFrom(params);
  const list = await listEvidence(db, actor, {
    centreId: actor.active.centreId,
    candidateId: actor.userId,
    filters,
    page,
  });
  const filtered = Object.keys(list.filters).length > 0;
  const first = (list.page - 1) * list.pageSize + 1;
  const last = first + list.items.length - 1;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <h1 className="text-3xl font-bold">Your evidence</h1>
          <p className="max-w-3xl text-slate-700">
            Everything you have gathered at {actor.active.centreName}. Add a piece of evidence once, then map it to
            every criterion it proves, in any of your units.
          </p>
        </div>
        <Link
          href="/candidate/evidence/new"
          className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
        >
          Add evidence
        </Link>
      </div>

      {params.deleted === "1" ? (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
          The evidence was deleted.
        </p>
      ) : null}

      <Section
        id="filter-heading"
        title="Filter your evidence"
        className="space-y-3 rounded border border-slate-300 bg-white p-4"
      >
        {ignored.map((value) => (
          <p key={value.param} role="status" className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">
            {ignoredDateNotice(value)}
          </p>
        ))}
        <form
          method="get"
          action="/candidate/evidence"
          role="search"
          aria-labelledby="filter-heading"
          className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
        >
          <FilterInput
            id="filter-q"
            name="q"
            type="search"
            label="Search titles and descriptions"
            value={list.filters.search}
            maxLength={200}
            className="sm:col-span-2 lg:col-span-3"
          />
          <FilterSelects
            idPrefix="filter"
            values={list.filters}
            selects={[
              { name: "method", label: "Method", anyLabel: "Any method", choices: methodChoices },
              { name: "unit", label: "Unit", anyLabel: "Any unit", choices: list.units.map(unitChoice) },
              { name: "status", label: "Status", anyLabel: "Any status", choices: statusChoices },
            ]}
          />
          <FilterInput id="filter-from" name="from" type="date" label="Activity from" value={list.filters.from} />
          <FilterInput id="filter-to" name="to" type="date" label="Activity to" value={list.filters.to} />
          <div className="flex items-end gap-4">
            <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
              Apply filters
            </button>
            {filtered ? (
              <Link href="/candidate/evidence" className="py-2 text-brand-700 underline underline-offset-4">
                Clear filters
              </Link>
            ) : null}
          </div>
        </form>
      </Section>

      <Section id="results-heading" title={filtered ? "Matching evidence" : "All your evidence"}>
        {list.total === 0 ? (
          <p className="rounded border border-slate-300 bg-white p-4">
            {filtered ? (
              <>
                No evidence matches these filters.{" "}
                <Link href="/candidate/evidence" className="text-brand-700 underline">
                  Clear the filters
                </Link>{" "}
                to see all of it.
              </>
            ) : (
              <>
                You have not added any evidence yet.{" "}
                <Link href="/candidate/evidence/new" className="text-brand-700 underline">
                  Add your first piece of evidence
                </Link>
                .
              </>
            )}
          </p>
        ) : (
          <>
            <div className="overflow-x-auto rounded border border-slate-300 bg-white">
              <table className="w-full border-collapse text-left">
                <caption className="p-3 text-left text-slate-700">
                  {filtered ? "Evidence matching your filters" : "Your evidence"}, newest activity first: {first}–{last}{" "}
                  of {list.total}
                  {list.pageCount > 1 ? ` (page ${list.page} of ${list.pageCount})` : ""}
                </caption>
                <thead className="bg-slate-100">
                  <tr>
                    <ColumnHeadings headings={columns} alignRight={["Files", "Mappings"]} className="p-3" />
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((item) => (
                    <tr key={item.id} className="border-t border-slate-200 align-top">
                      <th scope="row" className="p-3 font-medium">
                        <Link
                          href={`/candidate/evidence/${encodeURIComponent(item.id)}`}
                          className="text-brand-700 underline underline-offset-2"
                        >
                          {item.title}
                        </Link>
                      </th>
                      <td className="p-3">{item.methodLabel}</td>
                      <td className="whitespace-nowrap p-3">{formatDate(item.activityDate, list.timeZone)}</td>
                      <td className="p-3 text-right">{item.fileCount}</td>
                      <td className="p-3 text-right">{item.mappingCount}</td>
                      <td className="p-3">{item.statusText}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              page={list.page}
              pageCount={list.pageCount}
              href={(page) => listHref(list.filters, page)}
              label="Pages of evidence"
              className="flex flex-wrap items-center gap-4"
              linkClassName="text-brand-700 underline underline-offset-4"
            />
          </>
        )}
      </Section>
    </div>
  );
}
