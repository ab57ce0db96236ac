import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Refusal } from "@/components/ui/refusal";
import { Section } from "@/components/ui/section";
import { emptyClass } from "@/components/ui/styles";
import { VisitTable } from "@/components/visits/visit-parts";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listEqaVisits } from "@/lib/qa/visit-read";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My EQA visits" };

export default async function EqaVisitsPage() {
  const actor = await requireActor();
  const centres = actor.roles.filter((r) => r.role === "EQA");
  if (centres.length === 0) {
    return (
      <Refusal title="My EQA visits">
        <p>This page is for external quality assurers, and you do not hold that role at any centre.</p>
      </Refusal>
    );
  }
  const { open, others } = await listEqaVisits(db, actor);
  const many = centres.length > 1;
  return (
    <div className="space-y-6">
      <PageHeader
        title="My EQA visits"
        lead="Visits centres have arranged with you. During a visit's days you can open it, read the portfolios in its scope, record findings and download its evidence pack."
      >
        <p className="text-sm text-slate-700">Days are shown in each centre&apos;s time zone.</p>
      </PageHeader>
      <Section id="open-heading" title="Open now">
        {open.length ? (
          <VisitTable
            caption="Visits open today"
            visits={open}
            showCentre={many}
            href={(v) => `/eqa/visits/${encodeURIComponent(v.id)}`}
          />
        ) : (
          <p className={emptyClass}>No visit is open today.</p>
        )}
      </Section>
      <Section id="others-heading" title="Upcoming and past visits">
        <p>These open only on their days; past and cancelled visits stay closed.</p>
        {others.length ? (
          <VisitTable caption="Upcoming, past and cancelled visits" visits={others} showCentre={many} />
        ) : (
          <p className={emptyClass}>No other visit is arranged with you.</p>
        )}
      </Section>
    </div>
  );
}
