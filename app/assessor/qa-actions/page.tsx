import type { Metadata } from "next";
import { pageNumber } from "@/components/assessment/page-parts";
import { ActionListTable } from "@/components/qa/action-list";
import { PageHeader } from "@/components/ui/page-header";
import { Refusal } from "@/components/ui/refusal";
import { linkClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listAssessorActions } from "@/lib/qa/actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "QA actions" };

export default async function AssessorQaActionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  if (!actor.memberships.some((m) => m.role === "ASSESSOR")) {
    return (
      <Refusal
        title="QA actions"
        message="This page is for assessors, and you do not hold the assessor role at any centre. If you should, ask your centre admin."
        linkClassName={linkClass}
      />
    );
  }
  const list = await listAssessorActions(db, actor, { page: pageNumber((await searchParams).page) });
  const overdue = list.items.filter((a) => a.overdue).length;
  return (
    <div className="space-y-6">
      <PageHeader
        title="QA actions"
        lead="What your internal quality assurer asked of you after sampling your decisions: open actions first, the soonest due first. Open one to read it with the decision it came from, and respond."
      >
        {overdue > 0 ? (
          <p className="font-medium">
            {overdue === 1 ? "1 action on this page is" : `${overdue} actions on this page are`} overdue.
          </p>
        ) : null}
      </PageHeader>
      <ActionListTable
        list={list}
        caption="Your QA actions, open first"
        basePath="/assessor/qa-actions"
        empty="No QA actions for you. When your IQA samples one of your decisions and asks for an action, it appears here."
        href={(a) => `/assessor/qa-actions/${encodeURIComponent(a.id)}`}
        who="raisedBy"
      />
    </div>
  );
}
