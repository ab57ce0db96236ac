import { DateTime } from "@/components/people/date-time";
import { DataTable } from "@/components/ui/data-table";
import { InputField, Options, SelectField } from "@/components/ui/field";
import { FilterBar } from "@/components/ui/filters";
import { alertClass, linkClass, panelClass } from "@/components/ui/styles";
import { CountedPagination } from "@/components/ui/pagination";
import { Section } from "@/components/ui/section";
import type { AuditFilters, AuditPage } from "@/lib/audit/list";
import { VerifyNow } from "./verify-now";

// The audit viewer, for one centre (its admins) or every chain (platform admins): GET filters in
// the address, so the CSV export and the pagination carry exactly the filtered list.

const json = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value, null, 2));

function Filter(props: {
  id: string;
  name: keyof AuditFilters;
  label: string;
  value?: string;
  type?: string;
  hint?: string;
}) {
  const { value, ...field } = props;
  return <InputField {...field} defaultValue={value ?? ""} maxLength={200} className="flex min-w-48 flex-1 flex-col" />;
}

function BeforeAfter({ before, after }: { before: unknown; after: unknown }) {
  if (before === null && after === null) return "—";
  return (
    <details>
      <summary className="cursor-pointer font-medium">Show</summary>
      <dl className="mt-2 space-y-2">
        <dt className="font-medium">Before</dt>
        <dd>
          <pre className="text-xs break-all whitespace-pre-wrap">{json(before)}</pre>
        </dd>
        <dt className="font-medium">After</dt>
        <dd>
          <pre className="text-xs break-all whitespace-pre-wrap">{json(after)}</pre>
        </dd>
      </dl>
    </details>
  );
}

// long-function: the audit log read top to bottom: the chain check, the six filters, the filter problems, the CSV link, the events table's six columns and the pager; each is a component, what remains is their props and order
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
      <Section id="verify-heading" title="Is the log intact?" className={panelClass}>
        <p className="text-slate-700">
          Each event carries a hash of its content and of the event before it, so a changed, removed or inserted event
          breaks the chain from that point.
        </p>
        <VerifyNow scope={scope} />
      </Section>

      <FilterBar
        action={basePath}
        label="Audit log"
        submitLabel="Filter"
        clear={{ href: basePath, label: "Clear filters" }}
      >
        <Filter
          id="audit-person"
          name="person"
          label="Person"
          value={filters.person}
          hint="Name or email: what they did or what was done to them"
        />
        <Filter
          id="audit-action"
          name="action"
          label="Action"
          value={filters.action}
          hint='Or its start, e.g. "evidence."'
        />
        <Filter
          id="audit-entity"
          name="entity"
          label="Entity"
          value={filters.entity}
          hint="A type (Enrolment) or an id"
        />
        <Filter id="audit-from" name="from" label="From" type="date" value={filters.from} />
        <Filter id="audit-to" name="to" label="To" type="date" value={filters.to} />
        {chains ? (
          <SelectField
            id="audit-chain"
            name="chain"
            label="Chain"
            defaultValue={filters.chain ?? ""}
            className="flex min-w-48 flex-1 flex-col"
          >
            <Options emptyLabel="Every chain" choices={chains.map((c) => ({ value: c.id, label: c.name }))} />
          </SelectField>
        ) : null}
      </FilterBar>

      {problems.length > 0 ? (
        <p role="alert" className={alertClass}>
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
        <DataTable
          region
          caption={`Audit events, newest first, page ${result.page} of ${result.pageCount}, ${result.total} in all`}
          hideCaption
          rows={result.events}
          rowKey={(e) => e.id}
          columns={[
            {
              header: "When",
              rowHeader: true,
              className: "font-normal whitespace-nowrap",
              cell: (e) => <DateTime iso={e.at} timeZone={timeZone} />,
            },
            { header: "Person", className: "break-all", cell: (e) => e.actor },
            { header: "Action", cell: (e) => e.action },
            {
              header: "Entity",
              className: "break-all",
              cell: (e) => (
                <>
                  {e.entityType}
                  {e.entityId ? <span className="block text-slate-600">{e.entityId}</span> : null}
                </>
              ),
            },
            { header: "Before and after", cell: (e) => <BeforeAfter before={e.before} after={e.after} /> },
            {
              header: "Chain",
              className: "whitespace-nowrap",
              cell: (e) => (
                <>
                  {scope === "platform" ? <span className="block">{e.chainId ?? "none"}</span> : null}#{e.seq ?? "?"}
                </>
              ),
            },
          ]}
        />
      )}
      <CountedPagination list={result} basePath={basePath} query={query} noun="events" />
    </div>
  );
}
