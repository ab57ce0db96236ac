import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/people/date-time";
import { Pagination } from "@/components/ui/pagination";
import { refusalMessage } from "@/components/people/refusal";
import { Refusal } from "@/components/ui/refusal";
import { StatusText } from "@/components/people/status";
import { LinkButton } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { InputField, Options, SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { FilterBar } from "@/components/ui/filters";
import { linkClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { roleLabels } from "@/lib/authz/labels";
import { can, roles, type Role } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { listPeople } from "@/lib/people/list-people";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "People" };

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

function peopleHref(query: string, role: Role | null, page: number): string {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (role) params.set("role", role);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/admin/people?${search}` : "/admin/people";
}

// long-function: the people list read top to bottom: the refusal, the header with its actions, the search bar, the count line, the table's five columns and the pager, each already a component; what remains is their props and order
export default async function PeoplePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const centreId = actor.active?.centreId;
  if (!centreId || !can(actor, "user.list", { kind: "centre", centreId })) {
    return <Refusal title="People" message={refusalMessage(actor, "the list of people")} linkClassName={linkClass} />;
  }
  const params = await searchParams;
  const result = await listPeople(db, actor, {
    query: first(params.q),
    role: first(params.role) || null,
    page: first(params.page),
  });
  const mayInvite = can(actor, "user.invite", { kind: "centre", centreId });
  const from = (result.page - 1) * result.pageSize + 1;
  const to = from + result.people.length - 1;
  const filtered = Boolean(result.query || result.role);

  return (
    <div className="space-y-6">
      <PageHeader
        title="People"
        lead={`Everyone with a role at ${result.centre.name}.`}
        actions={
          mayInvite ? (
            <>
              <LinkButton href="/admin/people/new">Add a person</LinkButton>
              <LinkButton href="/admin/people/import" variant="secondary">
                Import candidates from CSV
              </LinkButton>
            </>
          ) : null
        }
      />

      <FilterBar
        action="/admin/people"
        label="People"
        submitLabel="Search"
        clear={filtered ? { href: "/admin/people", label: "Clear search" } : undefined}
      >
        <InputField
          id="people-q"
          name="q"
          type="search"
          label="Search by name or email"
          defaultValue={result.query}
          maxLength={200}
          className="flex min-w-64 flex-1 flex-col"
        />
        <SelectField
          id="people-role"
          name="role"
          label="Role"
          defaultValue={result.role ?? ""}
          className="flex flex-col"
        >
          <Options emptyLabel="All roles" choices={roles.map((role) => ({ value: role, label: roleLabels[role] }))} />
        </SelectField>
      </FilterBar>

      <p aria-live="polite">
        {result.total === 0
          ? filtered
            ? "No one matches that search. Check the spelling, or try part of the name or email."
            : "No one has a role at this centre yet."
          : `Showing ${from} to ${to} of ${result.total} ${result.total === 1 ? "person" : "people"}${filtered ? " matching your search" : ""}.`}
      </p>

      {result.people.length > 0 ? (
        <DataTable
          region
          caption={`People at ${result.centre.name}, page ${result.page} of ${result.pageCount}`}
          hideCaption
          rows={result.people}
          rowKey={(person) => person.id}
          columns={[
            {
              header: "Name",
              rowHeader: true,
              className: "font-semibold",
              cell: (person) => (
                <Link href={`/admin/people/${person.id}`} className={linkClass}>
                  {person.name}
                </Link>
              ),
            },
            { header: "Email", className: "break-all", cell: (person) => person.email },
            { header: "Roles here", cell: (person) => person.roles.map((role) => roleLabels[role]).join(", ") },
            { header: "Status", cell: (person) => <StatusText status={person.status} /> },
            {
              header: "Added",
              className: "whitespace-nowrap",
              cell: (person) => <DateTime iso={person.addedAt} timeZone={result.centre.timeZone} dateOnly />,
            },
          ]}
        />
      ) : null}

      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        label="People pages"
        linkClassName={linkClass}
        href={(page) => peopleHref(result.query, result.role, page)}
      />
    </div>
  );
}
