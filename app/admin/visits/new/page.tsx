import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader } from "@/components/ui/page-header";
import { Refusal } from "@/components/ui/refusal";
import { VisitForm } from "@/components/visits/visit-form";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { addYears, calendarDateIn } from "@/lib/format/date";
import { getVisitFormOptions } from "@/lib/qa/visit-read";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Arrange an EQA visit" };

export default async function NewVisitPage() {
  const actor = await requireActor();
  const centre = centreForRole(actor, "CENTRE_ADMIN");
  if (!centre || !can(actor, "visit.manage", { kind: "centre", centreId: centre.centreId })) {
    return (
      <Refusal title="Arrange an EQA visit" message="Only a centre admin of this centre can arrange EQA visits." />
    );
  }
  const options = await getVisitFormOptions(db, actor, centre.centreId);
  const today = calendarDateIn(new Date(), options.centre.timeZone);
  return (
    <div className="space-y-6">
      <BackLink href="/admin/visits">Back to EQA visits</BackLink>
      <PageHeader
        title="Arrange an EQA visit"
        lead="Choose the external quality assurer, the days of the visit and what it covers. On those days the EQA can read the portfolios in scope, and record findings; before and after, they cannot."
      />
      <VisitForm options={options} today={today} latest={addYears(today, 1)} />
    </div>
  );
}
