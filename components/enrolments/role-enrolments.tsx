import type { ReactNode } from "react";
import type { SessionActor } from "@/lib/auth/actor";
import { roleLabels } from "@/lib/authz/labels";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listRoleEnrolments, type WorkRole } from "@/lib/enrolments/list-role-enrolments";
import { EnrolmentTable, type EnrolmentColumn } from "./enrolment-table";
import { PagedList } from "@/components/ui/pagination";
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
        <p>
          If you should, ask your centre admin to give you that role. Your own pages are listed in the menu at the top.
        </p>
      </Refusal>
    );
  }
  const list = await listRoleEnrolments(db, actor, role, { page });
  const shown: EnrolmentColumn[] =
    centres.length > 1 ? [...columns.slice(0, 1), "centre", ...columns.slice(1)] : columns;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">{title}</h1>
        <div className="max-w-3xl text-slate-700">{intro}</div>
        <p className="text-sm text-slate-700">
          {roleLabels[role]} at {centres.map((c) => c.centreName).join(", ")}. Dates are shown in each centre&apos;s
          time zone.
        </p>
      </div>
      {children}
      <PagedList list={list} basePath={basePath} noun="enrolments" empty={empty}>
        <EnrolmentTable caption={caption} rows={list.items} columns={shown} linkTo={linkTo} />
      </PagedList>
    </div>
  );
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const enrolmentPage = (row: { id: string }) => `/assessor/enrolments/${encodeURIComponent(row.id)}`;

/**
 * What each working role's home page says and lists. The assessor, IQA and EQA open an
 * enrolment on the assessor's enrolment page (read-only for the IQA and EQA).
 */
const homes: Record<
  WorkRole,
  { path: string; title: string; intro: string; caption: string; empty: string; columns: EnrolmentColumn[] }
> = {
  CANDIDATE: {
    path: "/candidate",
    title: "My units",
    intro: "The units you are enrolled on, who assesses your work on each, and when you plan to finish.",
    caption: "Units you are enrolled on",
    empty:
      "You are not enrolled on any unit yet. Your centre admin enrols you; ask them if you expected to see a unit here.",
    columns: ["unit", "assessor", "plannedEnd", "status"],
  },
  ASSESSOR: {
    path: "/assessor",
    title: "My candidates",
    intro:
      "Candidates enrolled with you as their assessor, active ones first and the nearest planned end date at the top.",
    caption: "Enrolments you assess",
    empty:
      "No candidate is enrolled with you as assessor yet. Your centre admin assigns assessors when they enrol candidates.",
    columns: ["candidate", "unit", "iqa", "start", "plannedEnd", "plan", "status"],
  },
  IQA: {
    path: "/iqa",
    title: "Enrolments I quality-assure",
    intro:
      "Enrolments where you are the internal quality assurer, with their candidate and assessor. Sample assessors' decisions from here.",
    caption: "Enrolments you quality-assure",
    empty:
      "You are not the internal quality assurer of any enrolment yet. Your centre admin assigns IQAs when they enrol candidates.",
    columns: ["candidate", "unit", "assessor", "plannedEnd", "status"],
  },
  EQA: {
    path: "/eqa",
    title: "Portfolios shared with me",
    intro:
      "Enrolments a centre has shared with you for external quality assurance. Your access is read-only and ends at the end of the day shown; expired shares are not listed.",
    caption: "Enrolments shared with you, and until when",
    empty:
      "Nothing is shared with you at the moment. A centre admin shares an enrolment with you when it is chosen for sampling.",
    columns: ["candidate", "unit", "assessor", "access", "status"],
  },
};

/** The home page of a working role (`/candidate`, `/assessor`, `/iqa`, `/eqa`), with anything `children` adds above the list. */
export async function RoleHome({
  role,
  searchParams,
  children,
}: {
  role: WorkRole;
  searchParams: SearchParams;
  children?: (actor: SessionActor) => ReactNode;
}) {
  const actor = await requireActor();
  const { page } = await searchParams;
  const { path, intro, ...home } = homes[role];
  return (
    <RoleEnrolments
      {...home}
      actor={actor}
      role={role}
      intro={<p>{intro}</p>}
      basePath={path}
      page={pageParam(page)}
      linkTo={role === "CANDIDATE" ? undefined : enrolmentPage}
    >
      {children?.(actor)}
    </RoleEnrolments>
  );
}

export function pageParam(value: string | string[] | undefined): number {
  const text = Array.isArray(value) ? value[0] : value;
  const page = Number.parseInt(text ?? "", 10);
  return Number.isFinite(page) && page > 0 ? page : 1;
}
