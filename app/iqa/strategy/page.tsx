import type { Metadata } from "next";
import Link from "next/link";
import { DoneBanner, firstParam } from "@/components/assessment/page-parts";
import { RiskLevelForm, StrategyForm } from "@/components/qa/strategy-forms";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { Refusal } from "@/components/ui/refusal";
import { Section } from "@/components/ui/section";
import { StatusTag } from "@/components/ui/status-tag";
import { linkClass, noticeClass, panelClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { formatDate, formatDateTime } from "@/lib/format/date";
import { renderMarkdown } from "@/lib/markdown/render";
import { riskLevelLabels, riskLevels, SUGGEST_AFTER, SUGGESTION_WINDOW } from "@/lib/qa/risk";
import { getSamplingStrategy, type AssessorRisk, type RiskSetting, type SamplingStrategyView } from "@/lib/qa/strategy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sampling strategy" };

const doneMessages: Record<string, string> = {
  saved: "Strategy saved. New sampling plans use these rates.",
  level: "Risk level set. New sampling plans sample this assessor at the new rate.",
};

function settingWords(s: RiskSetting): string {
  const rate = s.ownRate === null ? `${s.ratePercent}%, the level's rate` : `${s.ratePercent}%, their own rate`;
  return `${riskLevelLabels[s.level]} (${rate})${s.unitCode ? ` for ${s.unitCode}` : " for all units"}`;
}

function AssessorPanel({ assessor, tz, canManage }: { assessor: AssessorRisk; tz: string; canManage: boolean }) {
  const { current } = assessor;
  return (
    <li id={`assessor-${assessor.assessorId}`} className={panelClass}>
      <h3 className="text-lg font-semibold">{assessor.name}</h3>
      <DescriptionList
        items={[
          {
            term: "Level",
            details: (
              <>
                {riskLevelLabels[assessor.level]}, sampled at {assessor.ratePercent}%
                {current ? null : " (never set, so new at the rate for new assessors)"}
              </>
            ),
          },
          {
            term: "Set",
            details: current ? `${formatDateTime(current.setAt, tz)} by ${current.setBy}` : null,
          },
          { term: "Reason", details: current ? <span className="whitespace-pre-line">{current.reason}</span> : null },
          {
            term: "For single units",
            details: assessor.units.length ? assessor.units.map(settingWords).join("; ") : null,
          },
        ]}
      />
      {assessor.suggestion ? (
        <div className={noticeClass}>
          <p className="font-semibold">
            Suggested: raise to {riskLevelLabels[assessor.suggestion.level].toLowerCase()}
          </p>
          <p>{assessor.suggestion.reason}</p>
          {canManage ? (
            <p>
              <Link
                href={`/iqa/strategy?assessor=${encodeURIComponent(assessor.assessorId)}&level=${assessor.suggestion.level}#set-level-title`}
                className={linkClass}
              >
                Set {assessor.name}&apos;s level
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {assessor.history.length ? (
        <details>
          <summary className="cursor-pointer">
            History ({assessor.history.length} {assessor.history.length === 1 ? "change" : "changes"})
          </summary>
          <ol className="mt-2 space-y-2">
            {assessor.history.map((s) => (
              <li key={s.id} className="text-sm">
                <p>
                  <time dateTime={s.setAt.toISOString()}>{formatDateTime(s.setAt, tz)}</time>, {s.setBy}:{" "}
                  {settingWords(s)}
                </p>
                <p className="whitespace-pre-line text-slate-700">{s.reason}</p>
              </li>
            ))}
          </ol>
        </details>
      ) : (
        <p className="text-sm text-slate-700">No level has been set yet.</p>
      )}
    </li>
  );
}

function RatesSection({ view }: { view: SamplingStrategyView }) {
  const tz = view.centre.timeZone;
  return (
    <Section id="rates-title" title="Rates by risk level">
      <DescriptionList
        items={riskLevels.map((level) => ({ term: riskLevelLabels[level], details: `${view.rates[level]}%` }))}
      />
      <p className="text-sm text-slate-700">
        {view.saved && view.updatedAt
          ? `Last saved ${formatDate(view.updatedAt, tz)}${view.updatedBy ? ` by ${view.updatedBy}` : ""}.`
          : "These are the starting rates: no IQA has saved the centre's strategy yet."}
      </p>
      <div className="max-w-3xl space-y-2">
        <h3 className="text-lg font-semibold">The strategy in words</h3>
        {view.text ? (
          <div className="space-y-2">{renderMarkdown(view.text)}</div>
        ) : (
          <p className="text-slate-700">Not written yet.</p>
        )}
      </div>
      {view.canManage ? (
        <div className={panelClass}>
          <StrategyForm rates={view.rates} text={view.text} />
        </div>
      ) : null}
    </Section>
  );
}

export default async function StrategyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const acting = centreForRole(actor, "IQA") ?? centreForRole(actor, "CENTRE_ADMIN");
  if (!acting || !can(actor, "qa.readStrategy", { kind: "centre", centreId: acting.centreId }))
    return (
      <Refusal
        title="Sampling strategy"
        message="Switch to your internal quality assurer or centre admin role to read your centre's sampling strategy."
      />
    );
  const query = await searchParams;
  const view = await getSamplingStrategy(db, actor, acting.centreId);
  const tz = view.centre.timeZone;
  const done = firstParam(query.done);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Sampling strategy"
        lead={`How ${view.centre.name} samples its assessors' decisions: the rate for each risk level, the strategy in words, and each assessor's level. An assessor whose level has never been set is new, and sampled at the rate for new assessors (${view.rates.new}%).`}
      />
      <DoneBanner message={done ? (doneMessages[done] ?? null) : null} />
      <RatesSection view={view} />
      <Section id="assessors-title" title="Assessors">
        <p className="max-w-3xl text-slate-700">
          Each assessor&apos;s level and rate now, and every change with who made it, when and why. Where{" "}
          {SUGGEST_AFTER} or more of an assessor&apos;s last {SUGGESTION_WINDOW} sampled decisions needed action, a
          higher level is suggested.
        </p>
        {view.assessors.length ? (
          <ul className="space-y-3">
            {view.assessors.map((a) => (
              <AssessorPanel key={a.assessorId} assessor={a} tz={tz} canManage={view.canManage} />
            ))}
          </ul>
        ) : (
          <p className={panelClass}>The centre has no assessors yet.</p>
        )}
      </Section>
      {view.canManage && view.assessors.length ? (
        <Section id="set-level-title" title="Set a risk level" className={`${panelClass} space-y-3`}>
          <RiskLevelForm
            assessors={view.assessors.map((a) => ({ id: a.assessorId, name: a.name }))}
            unitCodes={view.unitCodes}
            rates={view.rates}
            chosen={{ assessorId: firstParam(query.assessor), level: firstParam(query.level) }}
          />
        </Section>
      ) : null}
      {view.canManage ? null : (
        <p className="text-sm text-slate-700">
          <StatusTag tone="neutral">Read only</StatusTag> The centre&apos;s internal quality assurers change the
          strategy.
        </p>
      )}
    </div>
  );
}
