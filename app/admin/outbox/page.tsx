import type { Metadata } from "next";
import { DateTime } from "@/components/people/date-time";
import { Pagination } from "@/components/ui/pagination";
import { refusalMessage } from "@/components/people/refusal";
import { Refusal } from "@/components/ui/refusal";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { listOutbox } from "@/lib/people/list-outbox";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Outbox" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const centreId = actor.active?.centreId;
  if (!centreId || !can(actor, "outbox.read", { kind: "centre", centreId })) {
    return <Refusal title="Outbox" message={refusalMessage(actor, "the outbox")} linkClassName={linkClass} />;
  }
  const params = await searchParams;
  const page = Array.isArray(params.page) ? params.page[0] : params.page;
  const outbox = await listOutbox(db, actor, { page });
  const tz = outbox.centre.timeZone;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Outbox"
        lead={`Messages the app has written to people at ${outbox.centre.name}, newest first. When the server has no mail server configured, nothing is sent by email: copy invitation links from here and send them yourself.`}
      />
      {outbox.messages.length === 0 ? (
        <p>No messages yet. Adding a person writes their invitation here.</p>
      ) : (
        <DataTable
          region
          caption={`Outbox messages, page ${outbox.page} of ${outbox.pageCount}, ${outbox.total} in all`}
          hideCaption
          rows={outbox.messages}
          rowKey={(message) => message.id}
          columns={[
            {
              header: "Written",
              rowHeader: true,
              className: "font-normal whitespace-nowrap",
              cell: (message) => <DateTime iso={message.createdAt} timeZone={tz} />,
            },
            { header: "To", className: "break-all", cell: (message) => message.to },
            {
              header: "Message",
              cell: (message) => (
                <details>
                  <summary className="cursor-pointer font-medium">{message.subject}</summary>
                  <pre className="mt-2 font-sans text-sm break-all whitespace-pre-wrap">{message.body}</pre>
                </details>
              ),
            },
            {
              header: "Email delivery",
              className: "whitespace-nowrap",
              cell: (message) =>
                message.sentAt ? (
                  <>
                    Sent <DateTime iso={message.sentAt} timeZone={tz} />
                  </>
                ) : (
                  "Not sent by email"
                ),
            },
          ]}
        />
      )}
      <Pagination
        page={outbox.page}
        pageCount={outbox.pageCount}
        label="Outbox pages"
        linkClassName={linkClass}
        href={(n) => (n > 1 ? `/admin/outbox?page=${n}` : "/admin/outbox")}
      />
    </div>
  );
}
