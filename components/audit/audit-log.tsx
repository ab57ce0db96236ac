import { DateTime } from "@/components/people/date-time";
import { cellClass, headRowClass, inputClass, linkClass, primaryButtonClass, tableClass } from "@/components/people/styles";
import { CountedPagination } from "@/components/ui/pagination";
import type { AuditFilters, AuditPage } from "@/lib/audit/list";
import { VerifyNow } from "./verify-now";

// The audit viewer, for one centre (its admins) or every chain (platform admins): GET filters in
// the address, so the CSV export and the pagination carry exactly the filtered list.

const json = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value, null, 2));

function Field({ id, name, label, value, type = "text", hint }: { id: string; name: keyof AuditFilters; label: string; value?: string; type?: string; hint?: string }) {
  return (
    <div className="flex min-w-48 flex-1 flex-col">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {hint ? (
        <span id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </span>
      ) : null}
      <input id={id} name={name} type={type} defaultValue={value ?? ""} maxLength={200} aria-describedby={hint ? `${id}-hint` : undefined} className={inputClass} />
    </div>
  );
}

export function AuditLog({
  basePath,
  scope,
  filters,
  problems,
  result,
  timeZone,
  chains,
}: {
  basePath: string;
  scope: "centre" | "platform";
  filters: AuditFilters;
  problems: string[];
  result: AuditPage;
  timeZone: string;
  /** Platform view: the chains to choose from. */
  chains?: ReadonlyArray<{ id: string; name: string }>;
}) {
  const query: Record<string, string | undefined> = { ...filters };
  const exportParams = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  if (scope === "platform") exportParams.set("scope", "platform");
  const exportHref = `/api/admin/audit/export?${exportParams.toString()}`;
  return (
    <div className="space-y-6">
      <section aria-labelledby="verify-heading" className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 id="verify-heading" className="text-xl font-semibold">
          Is the log intact?
        </h2>
        <p className="text-slate-700">
          Each event carries a hash of its content and of the event before it, so a changed, removed or inserted event breaks the chain from that point.
        </p>
        <VerifyNow scope={scope} />
      </section>

      <form method="get" action={basePath} role="search" aria-label="Audit log" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
        <Field id="audit-person" name="person" label="Person" value={filters.person} hint="Name or email: what they did or what was done to them" />
        <Field id="audit-action" name="action" label="Action" value={filters.action} hint='Or its start, e.g. "evidence."' />
        <Field id="audit-entity" name="entity" label="Entity" value={filters.entity} hint="A type (Enrolment) or an id" />
        <Field id="audit-from" name="from" label="From" type="date" value={filters.from} />
        <Field id="audit-to" name="to" label="To" type="date" value={filters.to} />
        {chains ? (
          <div className="flex min-w-48 flex-1 flex-col">
            <label htmlFor="audit-chain" className="font-medium">
              Chain
            </label>
            <select id="audit-chain" name="chain" defaultValue={filters.chain ?? ""} className={inputClass}>
              <option value="">Every chain</option>
              {chains.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className={primaryButtonClass}>
          Filter
        </button>
        <a href={basePath} className={linkClass}>
          Clear filters
        </a>
      </form>

      {problems.length > 0 ? (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
          Some filters were left out because they are not valid: {problems.join("; ")}. Correct them and filter again.
        </p>
      ) : null}

      <p>
        <a href={exportHref} className={linkClass} download>
          Download these events as CSV
        </a>
      </p>

      {result.events.length === 0 ? (
        <p>No events match. Clear the filters to see every event.</p>
      ) : (
        <div role="region" aria-labelledby="audit-caption" tabIndex={0} className="overflow-x-auto">
          <table className={tableClass}>
            <caption id="audit-caption" className="sr-only">
              Audit events, newest first, page {result.page} of {result.pageCount}, {result.total} in all
            </caption>
            <thead>
              <tr className={headRowClass}>
                <th scope="col" className={cellClass}>When</th>
                <th scope="col" className={cellClass}>Person</th>
                <th scope="col" className={cellClass}>Action</th>
                <th scope="col" className={cellClass}>Entity</th>
                <th scope="col" className={cellClass}>Before and after</th>
                <th scope="col" className={cellClass}>Chain</th>
              </tr>
            </thead>
            <tbody>
              {result.events.map((e) => (
                <tr key={e.id} className="border-b border-slate-200">
                  <th scope="row" className={`${cellClass} font-normal whitespace-nowrap`}>
                    <DateTime iso={e.at} timeZone={timeZone} />
                  </th>
                  <td className={`${cellClass} break-all`}>{e.actor}</td>
                  <td className={cellClass}>{e.action}</td>
                  <td className={`${cellClass} break-all`}>
                    {e.entityType}
                    {e.entityId ? <span className="block text-slate-600">{e.entityId}</span> : null}
                  </td>
                  <td className={cellClass}>
                    {e.before === null && e.after === null ? (
                      "—"
                    ) : (
                      <details>
                        <summary className="cursor-pointer font-medium">Show</summary>
                        <dl className="mt-2 space-y-2">
                          <dt className="font-medium">Before</dt>
                          <dd>
                            <pre className="text-xs break-all whitespace-pre-wrap">{json(e.before)}</pre>
                          </dd>
                          <dt className="font-medium">After</dt>
                          <dd>
                            <pre className="text-xs break-all whitespace-pre-wrap">{json(e.after)}</pre>
                          </dd>
                        </dl>
                      </details>
                    )}
                  </td>
                  <td className={`${cellClass} whitespace-nowrap`}>
                    {scope === "platform" ? <span className="block">{e.chainId ?? "none"}</span> : null}#{e.seq ?? "?"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CountedPagination page={result.page} pageCount={result.pageCount} total={result.total} pageSize={result.pageSize} basePath={basePath} query={query} noun="events" />
    </div>
  );
}
