import Link from "next/link";
import { Time } from "@/components/assessment/page-parts";
import { DataTable } from "@/components/ui/data-table";
import { PagedList } from "@/components/ui/pagination";
import { linkClass } from "@/components/ui/styles";
import { formatDate } from "@/lib/format/date";
import type { ActionList, ActionSummary } from "@/lib/qa/actions";
import { ActionStatus } from "./action-status";

/** A page of QA actions, open first, each linked to where it is read; with its pagination. */
export function ActionListTable({
  list,
  caption,
  basePath,
  query,
  empty,
  href,
  who,
}: {
  list: ActionList;
  caption: string;
  basePath: string;
  query?: Record<string, string | undefined>;
  empty: string;
  href: (action: ActionSummary) => string | null;
  /** The column of the other side: who set it (for the assessor), or who it is for (for the IQA). */
  who: "raisedBy" | "assessor";
}) {
  return (
    <PagedList list={list} empty={empty} basePath={basePath} query={query} noun="actions">
      <DataTable
        caption={caption}
        rows={list.items}
        rowKey={(a) => a.id}
        columns={[
          {
            header: "Action on",
            rowHeader: true,
            className: "font-normal",
            cell: (a) => {
              const target = href(a);
              return target ? (
                <Link href={target} className={`${linkClass} font-medium`}>
                  {a.about}
                </Link>
              ) : (
                a.about
              );
            },
          },
          { header: "What is asked", cell: (a) => <span className="line-clamp-3 whitespace-pre-line">{a.text}</span> },
          who === "raisedBy"
            ? { header: "Set by", cell: (a) => a.raisedByName }
            : { header: "For", cell: (a) => a.assessorName ?? "The centre" },
          { header: "Due by", cell: (a) => <Time date={a.dueDate}>{formatDate(a.dueDate, a.timeZone)}</Time> },
          {
            header: "Status",
            cell: (a) => <ActionStatus status={a.status} statusWord={a.statusWord} overdue={a.overdue} />,
          },
        ]}
      />
    </PagedList>
  );
}
