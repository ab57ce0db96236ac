import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { requireActor } from "@/lib/auth/session";
import { roleLabels } from "@/lib/authz/labels";
import { db } from "@/lib/db";
import { evidenceListQueryFrom, evidenceStatusFilters, ignoredDateNotice, listEvidence, type EvidenceListFilters } from "@/lib/evidence/list-evidence";
import { evidenceMethods } from "@/lib/evidence/methods";
import { formatDate } from "@/lib/format/date";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Your evidence" };

type SearchParams = Record<string, string | string[] | undefined>;

const inputClass = "mt-1 block w-full rounded border border-slate-500 bg-white px-3 py-2";

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

export default async function EvidenceLibraryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (actor.active?.role !== "CANDIDATE") {
    return (
      <div className="max-w-3xl space-y-4">
        <h1 className="text-3xl font-bold">Evidence library</h1>
        <p role="alert" className="rounded border-2 border-amber-700 bg-amber-50 p-4 text-amber-950">
          The evidence library is for candidates.{" "}
          {actor.active ? `You are acting as ${roleLabels[actor.active.role].toLowerCase()} at ${actor.active.centreName}. ` : ""}
          If you are also a candidate, choose that role with “Acting as” at the top of the page.
        </p>
      </div>
    );
  }

  const params = await searchParams;
  const { filters, page, ignored } = evidenceListQueryFrom(params);
  const list = await listEvidence(db, actor, { centreId: actor.active.centreId, candidateId: actor.userId, filters, page });
  const filtered = Object.keys(list.filters).length > 0;
  const first = (list.page - 1) * list.pageSize + 1;
  const last = first + list.items.length - 1;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-2">
          <h1 className="text-3xl font-bold">Your evidence</h1>
          <p className="max-w-3xl text-slate-700">
            Everything you have gathered at {actor.active.centreName}. Add a piece of evidence once, then map it to every criterion it proves,
            in any of your units.
          </p>
        </div>
        <Link href="/candidate/evidence/new" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          Add evidence
        </Link>
      </div>

      {params.deleted === "1" ? (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
          The evidence was deleted.
        </p>
      ) : null}

      <section aria-labelledby="filter-heading" className="space-y-3 rounded border border-slate-300 bg-white p-4">
        <h2 id="filter-heading" className="text-xl font-semibold">
          Filter your evidence
        </h2>
        {ignored.map((value) => (
          <p key={value.param} role="status" className="rounded border border-amber-700 bg-amber-50 p-3 text-amber-950">
            {ignoredDateNotice(value)}
          </p>
        ))}
        <form method="get" action="/candidate/evidence" role="search" aria-labelledby="filter-heading" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <div className="sm:col-span-2 lg:col-span-3">
            <label htmlFor="filter-q" className="block font-medium">
              Search titles and descriptions
            </label>
            <input id="filter-q" name="q" type="search" defaultValue={list.filters.search ?? ""} maxLength={200} className={inputClass} />
          </div>
          <div>
            <label htmlFor="filter-method" className="block font-medium">
              Method
            </label>
            <select id="filter-method" name="method" defaultValue={list.filters.method ?? ""} className={inputClass}>
              <option value="">Any method</option>
              {evidenceMethods.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-unit" className="block font-medium">
              Unit
            </label>
            <select id="filter-unit" name="unit" defaultValue={list.filters.unit ?? ""} className={inputClass}>
              <option value="">Any unit</option>
              {list.units.map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {unit.code}: {unit.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-status" className="block font-medium">
              Status
            </label>
            <select id="filter-status" name="status" defaultValue={list.filters.status ?? ""} className={inputClass}>
              <option value="">Any status</option>
              {evidenceStatusFilters.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-from" className="block font-medium">
              Activity from
            </label>
            <input id="filter-from" name="from" type="date" defaultValue={list.filters.from ?? ""} className={inputClass} />
          </div>
          <div>
            <label htmlFor="filter-to" className="block font-medium">
              Activity to
            </label>
            <input id="filter-to" name="to" type="date" defaultValue={list.filters.to ?? ""} className={inputClass} />
          </div>
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
      </section>

      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="text-xl font-semibold">
          {filtered ? "Matching evidence" : "All your evidence"}
        </h2>
        {list.total === 0 ? (
          <p className="rounded border border-slate-300 bg-white p-4">
            {filtered ? (
              <>
                No evidence matches these filters. <Link href="/candidate/evidence" className="text-brand-700 underline">Clear the filters</Link> to see all of it.
              </>
            ) : (
              <>
                You have not added any evidence yet. <Link href="/candidate/evidence/new" className="text-brand-700 underline">Add your first piece of evidence</Link>.
              </>
            )}
          </p>
        ) : (
          <>
            <div className="overflow-x-auto rounded border border-slate-300 bg-white">
              <table className="w-full border-collapse text-left">
                <caption className="p-3 text-left text-slate-700">
                  {filtered ? "Evidence matching your filters" : "Your evidence"}, newest activity first: {first}–{last} of {list.total}
                  {list.pageCount > 1 ? ` (page ${list.page} of ${list.pageCount})` : ""}
                </caption>
                <thead className="bg-slate-100">
                  <tr>
                    <th scope="col" className="p-3">Title</th>
                    <th scope="col" className="p-3">Method</th>
                    <th scope="col" className="p-3">Activity date</th>
                    <th scope="col" className="p-3 text-right">Files</th>
                    <th scope="col" className="p-3 text-right">Mappings</th>
                    <th scope="col" className="p-3">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((item) => (
                    <tr key={item.id} className="border-t border-slate-200 align-top">
                      <th scope="row" className="p-3 font-medium">
                        <Link href={`/candidate/evidence/${encodeURIComponent(item.id)}`} className="text-brand-700 underline underline-offset-2">
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
      </section>
    </div>
  );
}
