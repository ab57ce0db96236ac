import type { Metadata } from "next";
import { AccountStatusForm } from "@/components/platform/account-status-form";
import { InviteCentreAdminForm } from "@/components/platform/invite-centre-admin-form";
import { CentreForm } from "@/components/enrolments/centre-form";
import { CountedPagination } from "@/components/ui/pagination";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { Refusal } from "@/components/ui/refusal";
import { Section } from "@/components/ui/section";
import { panelClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { createCentreAction } from "@/lib/actions/platform-create-centre";
import { db } from "@/lib/db";
import { PAGE_SIZE } from "@/lib/enrolments/input";
import { formatDate } from "@/lib/format/date";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Centres" };

const everyCentre = { kind: "centre", centreId: "*" } as const;

// long-function: the platform page read top to bottom: the refusal, the page and centre queries, the centres table with its pager, then the create-centre, invite-admin and disable-account sections, each form a component; what remains is their order
export default async function PlatformPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  if (!can(actor, "centre.create", everyCentre)) {
    return (
      <Refusal title="Centres">
        <p>Only platform administrators can list and create training centres.</p>
        <p>If you need a new centre, ask the people who run this service.</p>
      </Refusal>
    );
  }
  const { page: pageText } = await searchParams;
  const requested = Number.parseInt((Array.isArray(pageText) ? pageText[0] : pageText) ?? "", 10) || 1;
  const total = await db.centre.count();
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, requested), pageCount);
  const centres = await db.centre.findMany({
    select: {
      id: true,
      name: true,
      slug: true,
      timeZone: true,
      createdAt: true,
      _count: { select: { enrolments: true, memberships: { where: { role: "CENTRE_ADMIN" } } } },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  // Every centre, by name, for the invitation form (a platform has tens of centres, not thousands).
  const centreChoices = await db.centre.findMany({
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });

  return (
    <div className="space-y-8">
      <PageHeader
        title="Centres"
        lead="Every training centre on this service. Create a centre here; its admins then invite its people and enrol candidates."
      />

      <Section id="centres-heading" title="All centres">
        <DataTable
          caption={`Training centres (${total})`}
          rows={centres}
          rowKey={(centre) => centre.id}
          empty="There are no centres yet. Create the first one below."
          columns={[
            { header: "Centre", rowHeader: true, cell: (centre) => centre.name },
            { header: "Short name", cell: (centre) => centre.slug },
            { header: "Time zone", cell: (centre) => centre.timeZone },
            {
              header: "Centre admins",
              cell: (centre) => (centre._count.memberships === 0 ? "None yet" : centre._count.memberships),
            },
            { header: "Enrolments", cell: (centre) => centre._count.enrolments },
            {
              header: "Created",
              cell: (centre) => (
                <time dateTime={centre.createdAt.toISOString()}>{formatDate(centre.createdAt, centre.timeZone)}</time>
              ),
            },
          ]}
        />
        <CountedPagination list={{ page, pageCount, total, pageSize: PAGE_SIZE }} basePath="/platform" noun="centres" />
      </Section>

      <Section id="create-heading" title="Create a centre" className={panelClass}>
        <CentreForm action={createCentreAction} timeZones={Intl.supportedValuesOf("timeZone")} />
      </Section>

      <Section id="invite-admin-heading" title="Invite a centre admin" className={panelClass}>
        <p className="text-slate-700">
          A new centre has nobody in it: invite its first admin here. They get an invitation link (in the centre&apos;s
          outbox, and by email when mail is set up); once they accept, they invite everyone else from People.
        </p>
        {centreChoices.length === 0 ? <p>Create a centre first.</p> : <InviteCentreAdminForm centres={centreChoices} />}
      </Section>

      <Section id="accounts-heading" title="Disable an account" className={panelClass}>
        <p className="text-slate-700">
          A disabled account cannot sign in at any centre, and its sessions end at once. Centre admins cannot do this:
          they deactivate people at their own centre only.
        </p>
        <AccountStatusForm />
      </Section>
    </div>
  );
}
