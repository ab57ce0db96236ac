import type { Metadata } from "next";
import { firstParam, pageNumber } from "@/components/assessment/page-parts";
import { ActionListTable } from "@/components/qa/action-list";
import { FilterBar, FilterSelect } from "@/components/ui/filters";
import { PageHeader } from "@/components/ui/page-header";
import { Refusal } from "@/components/ui/refusal";
import { linkClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listIqaActions } from "@/lib/qa/actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Actions you set" };

export default async function IqaActionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  if (!actor.memberships.some((m) => m.role === "IQA")) {
    return (
      <Refusal
        title="Actions you set"
        message="This page is for internal quality assurers, and you do not hold that role at any centre. If you should, ask your centre admin."
        linkClassName={linkClass}
      />
    );
  }
  const params = await searchParams;
  const show = firstParam(params.show) === "all" ? "all" : "open";
  const list = await listIqaActions(db, actor, { page: pageNumber(params.page), openOnly: show === "open" });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Actions you set"
        lead="The actions your samples asked of assessors, the soonest due first. Open one to read the sampled decision and the assessor's response, and close it or re-open it."
      />
      <FilterBar action="/iqa/actions" label="Which actions" submitLabel="Show">
        <FilterSelect
          id="actions-show"
          name="show"
          label="Show"
          value={show}
          choices={[
            { value: "open", label: "Not closed yet" },
            { value: "all", label: "All, closed too" },
          ]}
        />
      </FilterBar>
      <ActionListTable
        list={list}
        caption={show === "open" ? "Actions not closed yet" : "All your actions, open first"}
        basePath="/iqa/actions"
        query={{ show: show === "all" ? "all" : undefined }}
        empty={
          show === "open"
            ? "No action you set is waiting. Record “Action required” on a sampled decision to set one."
            : "You have not set any actions yet."
        }
        href={(a) =>
          a.context.kind === "item"
            ? `/iqa/plans/${encodeURIComponent(a.context.planId)}/items/${encodeURIComponent(a.context.itemId)}#action-${encodeURIComponent(a.id)}`
            : null
        }
        who="assessor"
      />
    </div>
  );
}
