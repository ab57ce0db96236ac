import { RelationTag, relationWords } from "@/components/standards/crosswalk-relation";
import { linkClass } from "@/components/ui/styles";
import type { AlsoClaimed, ClaimPair, ClaimRef } from "@/lib/assessment/claims-across-units";
import { mappingStatusLabel } from "@/lib/mapping/status-words";

// On the review page: the claims of one evidence item on equivalent criteria of the candidate's
// units (issue #18), listed together with their statuses and links to each claim's own panel,
// where it is accepted or referred back on its own. Words say it; nothing is decided here.

export const judgedOnItsOwn =
  "Each unit is judged on its own: accepting or referring back a claim in one unit decides nothing in another.";

const panelHref = (mappingId: string) => `#mapping-${mappingId}`;

function ClaimLink({ claim }: { claim: ClaimRef }) {
  return (
    <>
      <a href={panelHref(claim.mappingId)} className={linkClass}>
        {claim.unitCode} {claim.criterionRef}
      </a>{" "}
      ({mappingStatusLabel(claim.status)})
    </>
  );
}

/** The pairs of claims across units, with the line saying each is judged on its own; nothing when there are none. */
export function ClaimsAcrossUnits({ pairs }: { pairs: readonly ClaimPair[] }) {
  if (pairs.length === 0) return null;
  return (
    <section
      aria-labelledby="claims-across-units-title"
      className="space-y-2 rounded border border-slate-300 bg-white p-4"
    >
      <h3 id="claims-across-units-title" className="text-lg font-semibold">
        Claimed in more than one unit
      </h3>
      <p>
        The candidate claims this evidence for criteria that the crosswalk between the units pairs. {judgedOnItsOwn}
      </p>
      <ul className="space-y-2">
        {pairs.map((pair) => {
          const [a, b] = pair.claims;
          return (
            <li key={`${a.mappingId}-${b.mappingId}`} className="space-y-1">
              <p>
                <ClaimLink claim={a} /> and <ClaimLink claim={b} />: <RelationTag relation={pair.relation} />
              </p>
              {pair.relation === "close" ? <p className="text-sm text-slate-700">{pair.rationale}</p> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** In one claim's panel: the equivalent claims in other units, each judged there. */
export function AlsoClaimedIn({ claims }: { claims: readonly AlsoClaimed[] }) {
  if (claims.length === 0) return null;
  return (
    <div className="text-sm">
      <p className="font-medium">Also claimed with this evidence in another unit, and judged there on its own:</p>
      <ul className="list-disc pl-5">
        {claims.map((claim) => (
          <li key={claim.mappingId}>
            <a href={panelHref(claim.mappingId)} className={linkClass}>
              {claim.unitCode} {claim.criterionRef}
            </a>{" "}
            ({relationWords(claim.relation).toLowerCase()}): {mappingStatusLabel(claim.status)}
          </li>
        ))}
      </ul>
    </div>
  );
}
