import Link from "next/link";
import { Section } from "@/components/ui/section";
import { StatusTag } from "@/components/ui/status-tag";
import { linkClass } from "@/components/ui/styles";
import type { Actor } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { dateLabel } from "@/lib/format/date-bounds";
import { activityStateWords, candidateNextSteps } from "@/lib/plans/read-plan";

/** The candidate's next planned assessment activities, overdue first, on their home page. */
export async function NextSteps({ actor }: { actor: Actor }) {
  const steps = await candidateNextSteps(db, actor);
  if (steps.length === 0) return null;
  return (
    <Section id="next-steps" title="Your next steps">
      <ul className="space-y-2">
        {steps.map((step) => (
          <li key={step.id} className="flex flex-wrap items-center gap-3">
            <Link
              href={`/candidate/units/${encodeURIComponent(step.enrolmentId)}/plan#activity-${step.id}`}
              className={linkClass}
            >
              {step.unitCode}: {step.methodLabel} on {dateLabel(step.plannedFor)}
              {step.place ? `, ${step.place}` : ""}
            </Link>
            <StatusTag tone={step.state === "overdue" ? "negative" : step.state === "agreed" ? "positive" : "warning"}>
              {activityStateWords[step.state]}
            </StatusTag>
          </li>
        ))}
      </ul>
    </Section>
  );
}
