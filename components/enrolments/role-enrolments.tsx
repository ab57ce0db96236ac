import type { ReactNode } from "react";
import type { SessionActor } from "@/lib/auth/actor";
import { roleLabels } from "@/lib/authz/labels";
import { db } from "@/lib/db";
import { listRoleEnrolments, type WorkRole } from "@/lib/enrolments/list-role-enrolments";
import { EnrolmentTable, type EnrolmentColumn } from "./enrolment-table";
import { CountedPagination } from "@/components/ui/pagination";
import { Refusal } from "@/components/ui/refusal";

/**
 * The home page of a working role: the enrolments the person reaches through that role, in
 * every centre where they hold it, 25 a page.
 */
export async function RoleEnrolments({
  actor,
  role,
  title,
  intro,
  caption,
  empty,
  columns,
  basePath,
  page,
  linkTo,
  children,
}: {
  actor: SessionActor;
  role: WorkRole;
  title: string;
  intro: ReactNode;
  caption: string;
  empty: ReactNode;
  columns: EnrolmentColumn[];
  basePath: string;
  page: number;
  /** Where each row's candidate links to (the assessor's and IQA's enrolment page). */
  linkTo?: (row: { id: string }) => string;
  children?: ReactNode;
}) {
  const centres = actor.roles.filter((r) => r.role === role);
  if (centres.length === 0) {
    return (
      <Refusal title={title}>
        <p>
          This page is for people with the {roleLabels[role].toLowerCase()} role, and you do not hold it at any centre.
        </p>
        <p>If you should, ask your centre admin to give you that role. Your own pages are listed in the menu at the top.</p>
      </Refusal>
    );
  }
  const list = await listRoleEnrolments(db, actor, role, { page });
  const shown: EnrolmentColumn[] = centres.length > 1 ? [...columns.slice(0, 1), "centre", ...columns.slice(1)] : columns;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">{title}</h1>
        <div className="max-w-3xl text-slate-700">{intro}</div>
        <p className="text-sm text-slate-700">
          {roleLabels[role]} at {centres.map((c) => c.centreName).join(", ")}. Dates are shown in each centre&apos;s time zone.
        </p>
      </div>
      {children}
      {list.total === 0 ? (
        <p className="rounded border border-slate-300 bg-white p-4">{empty}</p>
      ) : (
        <>
          <EnrolmentTable caption={caption} rows={list.items} columns={shown} linkTo={linkTo} />
          <CountedPagination page={list.page} pageCount={list.pageCount} total={list.total} pageSize={list.pageSize} basePath={basePath} noun="enrolments" />
        </>
      )}
    </div>
  );
}

export function pageParam(value: string | string[] | undefined): number {
  const text = Array.isArray(value) ? value[0] : value;
  const page = Number.parseInt(text ?? "", 10);
  return Number.isFinite(page) && page > 0 ? page : 1;
}
