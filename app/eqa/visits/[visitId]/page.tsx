import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { Refusal } from "@/components/ui/refusal";
import { Section } from "@/components/ui/section";
import { buttonClasses, panelClass } from "@/components/ui/styles";
import { FindingForm } from "@/components/visits/finding-form";
import { FindingsAndActions, ScopeTable, VisitDetails } from "@/components/visits/visit-parts";
import { requireActor } from "@/lib/auth/session";
import { isHiddenOrMissing } from "@/lib/authz/hidden-or-missing";
import { ForbiddenError } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { addYears, calendarDateIn } from "@/lib/format/date";
import { getVisit, type VisitView } from "@/lib/qa/visit-read";

export const dynamic = "force-dynamic";

/**
 * The visit, or why its own EQA cannot open it now (its days are not today, or it was cancelled);
 * anyone else's visit, or a missing one, is the 404 page, so ids cannot be probed.
 */
const load = cache(async (visitId: string): Promise<{ visit: VisitView } | { refused: string }> => {
  try {
    return { visit: await getVisit(db, await requireActor(), visitId, new Date()) };
  } catch (error) {
    if (error instanceof ForbiddenError) return { refused: error.userMessage };
    if (isHiddenOrMissing(error)) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ visitId: string }> }): Promise<Metadata> {
  const loaded = await load((await params).visitId);
  return { title: "visit" in loaded ? loaded.visit.title : "EQA visit" };
}

export default async function EqaVisitPage({ params }: { params: Promise<{ visitId: string }> }) {
  const loaded = await load((await params).visitId);
  if ("refused" in loaded) return <Refusal title="EQA visit" message={loaded.refused} />;
  const { visit } = loaded;
  const tz = visit.centre.timeZone;
  const today = calendarDateIn(new Date(), tz);
  return (
    <div className="space-y-6">
      <BackLink href="/eqa/visits">Back to my visits</BackLink>
      <PageHeader
        title={visit.title}
        lead={`${visit.centre.name}. Read-only access to the portfolios below, on the visit's days.`}
      />
      <Section id="details-heading" title="Details" className={panelClass}>
        <VisitDetails visit={visit} />
        {visit.allowed.downloadPack ? (
          <p>
            <a href={`/api/packs/visits/${encodeURIComponent(visit.id)}`} download className={buttonClasses.secondary}>
              Download the evidence pack
            </a>
          </p>
        ) : null}
        <p className="text-sm text-slate-700">
          The pack is a ZIP of every file in scope with index.pdf and manifest.json (each file&apos;s SHA-256 and each
          decision&apos;s signature); check it with npm run pack:verify.
        </p>
      </Section>
      <Section id="scope-heading" title="Portfolios in scope" className={panelClass}>
        <p>
          The scope was fixed when the centre arranged the visit. You see evidence submitted for assessment, never
          drafts.
        </p>
        <ScopeTable
          caption="Portfolios you can read during this visit"
          enrolments={visit.enrolments}
          href={(e) => `/assessor/enrolments/${encodeURIComponent(e.id)}`}
        />
      </Section>
      {visit.allowed.recordFinding ? (
        <Section id="finding-heading" title="Record a finding" className={panelClass}>
          <FindingForm visitId={visit.id} assessors={visit.assessors} today={today} latest={addYears(today, 1)} />
        </Section>
      ) : null}
      <FindingsAndActions visit={visit} />
    </div>
  );
}
