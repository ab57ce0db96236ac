import { DescriptionList } from "@/components/ui/description-list";
import { Section } from "@/components/ui/section";
import { panelClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatDateTime } from "@/lib/format/date";
import { getWitnessTestimony } from "@/lib/witness/read-testimony";
import { MarkExpertForm } from "./mark-expert-form";

/**
 * Who the witness of a testimony is and what they signed, beside the evidence; nothing for other
 * evidence. The assigned assessor also gets "Mark as expert witness"; everyone else reads it.
 */
export async function WitnessTestimonyDetails({ evidenceId, timeZone }: { evidenceId: string; timeZone: string }) {
  const testimony = await getWitnessTestimony(db, await requireActor(), evidenceId);
  if (!testimony) return null;
  const t = testimony;
  return (
    <Section id="witness-title" title="The witness" className={`max-w-3xl ${panelClass}`}>
      <DescriptionList
        items={[
          { term: "Name", details: t.witnessName },
          { term: "Email", details: t.witnessEmail },
          { term: "Job title", details: t.witnessJobTitle },
          {
            term: "Relationship to the candidate",
            details: (
              <>
                {t.statedRelationship} <span className="text-slate-700">(when asked: {t.requestedRelationship})</span>
              </>
            ),
          },
          {
            term: "Occupational competence",
            details: <span className="whitespace-pre-line">{t.occupationalCompetence}</span>,
          },
          {
            term: "Signed",
            details: `${t.signedName}, by typing their full name, on ${formatDateTime(t.signedAt, timeZone)}`,
          },
          { term: "Asked by", details: t.requestedByName },
          {
            term: "Expert witness",
            details: t.expert
              ? `Yes: judged occupationally competent in this area by ${t.expert.byName} on ${formatDateTime(t.expert.at, timeZone)}`
              : "Not marked as an expert witness",
          },
        ]}
      />
      {t.canMarkExpert ? <MarkExpertForm evidenceId={evidenceId} /> : null}
    </Section>
  );
}
