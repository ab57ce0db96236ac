import type { Metadata } from "next";
import Link from "next/link";
import { DateTime } from "@/components/people/date-time";
import { Pagination } from "@/components/ui/pagination";
import { refusalMessage } from "@/components/people/refusal";
import { Refusal } from "@/components/ui/refusal";
import { StatusText } from "@/components/people/status";
import { cellClass, headRowClass, inputClass, linkClass, primaryButtonClass, secondaryButtonClass, tableClass } from "@/components/people/styles";
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

export default async function PeoplePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const centreId = actor.active?.centreId;
  if (!centreId || !can(actor, "user.list", { kind: "centre", centreId })) {
    return <Refusal title="People" message={refusalMessage(actor, "the list of people")} linkClassName={linkClass} />;
  }
  const params = await searchParams;
  const result = await listPeople(db, actor, { query: first(params.q), role: first(params.role) || null, page: first(params.page) });
  const mayInvite = can(actor, "user.invite", { kind: "centre", centreId });
  const from = (result.page - 1) * result.pageSize + 1;
  const to = from + result.people.length - 1;
  const filtered = Boolean(result.query || result.role);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-3xl font-bold">People</h1>
          <p className="text-slate-700">Everyone with a role at {result.centre.name}.</p>
        </div>
        {mayInvite ? (
          <ul className="flex flex-wrap gap-3">
            <li>
              <Link href="/admin/people/new" className={`${primaryButtonClass} inline-block`}>
                Add a person
              </Link>
            </li>
            <li>
              <Link href="/admin/people/import" className={`${secondaryButtonClass} inline-block py-2`}>
                Import candidates from CSV
              </Link>
            </li>
          </ul>
        ) : null}
      </div>

      <form method="get" action="/admin/people" role="search" aria-label="People" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
        <div className="flex min-w-64 flex-1 flex-col">
          <label htmlFor="people-q" className="font-medium">
            Search by name or email
          </label>
          <input id="people-q" name="q" type="search" defaultValue={result.query} maxLength={200} className={inputClass} />
        </div>
        <div className="flex flex-col">
          <label htmlFor="people-role" className="font-medium">
            Role
          </label>
          <select id="people-role" name="role" defaultValue={result.role ?? ""} className={inputClass}>
            <option value="">All roles</option>
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={primaryButtonClass}>
          Search
        </button>
        {filtered ? (
          <Link href="/admin/people" className={`${linkClass} py-2`}>
            Clear search
          </Link>
        ) : null}
      </form>

      <p aria-live="polite">
        {result.total === 0
          ? filtered
            ? "No one matches that search. Check the spelling, or try part of the name or email."
            : "No one has a role at this centre yet."
          : `Showing ${from} to ${to} of ${result.total} ${result.total === 1 ? "person" : "people"}${filtered ? " matching your search" : ""}.`}
      </p>

      {result.people.length > 0 ? (
        <div role="region" aria-labelledby="people-caption" tabIndex={0} className="overflow-x-auto">
          <table className={tableClass}>
            <caption id="people-caption" className="sr-only">
              People at {result.centre.name}, page {result.page} of {result.pageCount}
            </caption>
            <thead>
              <tr className={headRowClass}>
                <th scope="col" className={cellClass}>Name</th>
                <th scope="col" className={cellClass}>Email</th>
                <th scope="col" className={cellClass}>Roles here</th>
                <th scope="col" className={cellClass}>Status</th>
                <th scope="col" className={cellClass}>Added</th>
              </tr>
            </thead>
            <tbody>
              {result.people.map((person) => (
                <tr key={person.id} className="border-b border-slate-200">
                  <th scope="row" className={`${cellClass} font-semibold`}>
                    <Link href={`/admin/people/${person.id}`} className={linkClass}>
                      {person.name}
                    </Link>
                  </th>
                  <td className={`${cellClass} break-all`}>{person.email}</td>
                  <td className={cellClass}>{person.roles.map((role) => roleLabels[role]).join(", ")}</td>
                  <td className={cellClass}>
                    <StatusText status={person.status} />
                  </td>
                  <td className={`${cellClass} whitespace-nowrap`}>
                    <DateTime iso={person.addedAt} timeZone={result.centre.timeZone} dateOnly />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <Pagination page={result.page} pageCount={result.pageCount} label="People pages" linkClassName={linkClass} href={(page) => peopleHref(result.query, result.role, page)} />
    </div>
  );
}
