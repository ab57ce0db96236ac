import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { EnrolmentForm } from "@/components/enrolments/enrolment-form";
import { Refusal } from "@/components/ui/refusal";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { findCandidates, getEnrolmentOptions } from "@/lib/enrolments/enrolment-options";
import { calendarDateIn } from "@/lib/format/date";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Enrol a candidate" };

export default async function NewEnrolmentPage() {
  const actor = await requireActor();
  const centre = centreForRole(actor, "CENTRE_ADMIN");
  if (!centre || !can(actor, "enrolment.create", { kind: "centre", centreId: centre.centreId })) {
    return (
      <Refusal title="Enrol a candidate">
        <p>Only a centre admin can enrol candidates, and you are not a centre admin at any centre.</p>
        <p>Ask your centre admin to enrol the candidate, or to give you the centre admin role.</p>
      </Refusal>
    );
  }
  // Candidates are searched, not all loaded: a centre may have thousands (the picker asks for more).
  const [options, candidates] = await Promise.all([
    getEnrolmentOptions(db, actor, centre.centreId, ["ASSESSOR", "IQA"]),
    findCandidates(db, actor, centre.centreId, ""),
  ]);
  const missing = [
    candidates.matching === 0 ? "candidates" : null,
    options.assessors.length === 0 ? "assessors" : null,
    options.iqas.length === 0 ? "internal quality assurers" : null,
    options.units.length === 0 ? "units" : null,
  ].filter((m): m is string => m !== null);

  return (
    <div className="max-w-3xl space-y-6">
      <BackLink href="/admin/enrolments">Back to enrolments</BackLink>
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Enrol a candidate</h1>
        <p className="text-slate-700">
          At {options.centre.name}. Tick the candidates and the units: each candidate is enrolled on each unit, with the
          assessor, internal quality assurer and dates you choose. All fields are required.
        </p>
      </div>
      {missing.length > 0 ? (
        <div className="rounded border-2 border-amber-700 bg-amber-50 p-4">
          <h2 className="font-semibold">Not ready to enrol yet</h2>
          <p>
            This centre has no {missing.join(", ")} yet.{" "}
            {options.units.length === 0 ? "Units are loaded by an administrator with npm run standards:import. " : ""}
            Give people the roles they need, then come back.
          </p>
        </div>
      ) : (
        <EnrolmentForm
          centreId={options.centre.id}
          timeZone={options.centre.timeZone}
          today={calendarDateIn(new Date(), options.centre.timeZone)}
          candidates={candidates}
          units={options.units}
          assessors={options.assessors}
          iqas={options.iqas}
        />
      )}
    </div>
  );
}
