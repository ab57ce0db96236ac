import type { Metadata } from "next";
import Link from "next/link";
import { ProposeSampleForm } from "@/components/qa/plan-forms";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { Refusal } from "@/components/ui/refusal";
import { linkClass, panelClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { addDays, calendarDateIn } from "@/lib/format/date";
import { enrolmentDates } from "@/lib/format/date-bounds";
import { timeZoneOf } from "@/lib/format/time-zone";
import { SAMPLE_WITHIN_DAYS } from "@/lib/qa/plan-input";
import { riskLevelLabels, riskLevels } from "@/lib/qa/risk";
import { strategyRates } from "@/lib/qa/strategy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New sampling plan" };

/** The period a new plan starts with: the last 90 days, today included. */
const DEFAULT_DAYS = 90;

export default async function NewPlanPage() {
  const actor = await requireActor();
  const acting = centreForRole(actor, "IQA");
  if (!acting || !can(actor, "qa.createPlan", { kind: "centre", centreId: acting.centreId }))
    return (
      <Refusal
        title="New sampling plan"
        message="Only an internal quality assurer plans sampling. Switch to your IQA role if you hold it."
      />
    );
  const [centre, rates] = await Promise.all([
    db.centre.findUniqueOrThrow({ where: { id: acting.centreId }, select: { timeZone: true } }),
    strategyRates(db, acting.centreId),
  ]);
  const today = calendarDateIn(new Date(), timeZoneOf(centre));
  const range = enrolmentDates();
  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href="/iqa/plans">Back to sampling plans</BackLink>
      <PageHeader
        title="New sampling plan"
        lead={`Choose a period: the app proposes a sample of the decisions signed in it on the enrolments you quality-assure, at each assessor's rate, and covering every assessor, unit, method, candidate cohort and stage (interim or summative). You can then remove items or add decisions by hand. Items are due ${SAMPLE_WITHIN_DAYS} days after the period's last day.`}
      />
      <p className="text-sm text-slate-700">
        Rates now: {riskLevels.map((level) => `${riskLevelLabels[level].toLowerCase()} ${rates[level]}%`).join(", ")}.
        An assessor whose level has never been set is new. Change the rates and levels in the{" "}
        <Link href="/iqa/strategy" className={linkClass}>
          sampling strategy
        </Link>
        .
      </p>
      <section className={panelClass}>
        <ProposeSampleForm
          defaults={{ firstDay: addDays(today, -(DEFAULT_DAYS - 1)), lastDay: today }}
          earliest={range.earliest}
          latest={range.latest}
        />
      </section>
    </div>
  );
}
