import Link from "next/link";
import type { Equivalent } from "@/lib/dal/crosswalk";
import { RelationTag } from "./crosswalk-relation";
import { CriterionKindBadge } from "./labels";

/** "Equivalents in other units": a criterion's curated pairs, each with its relation, the other
 * criterion (linked, with its text) and why the pair holds. */
export function CrosswalkEquivalents({ equivalents }: { equivalents: Equivalent[] }) {
  if (equivalents.length === 0) return null;
  return (
    <div className="mt-3 border-l-4 border-brand-700 pl-3">
      <p className="font-semibold">Equivalents in other units</p>
      <ul aria-label="Equivalents in other units" className="mt-1 space-y-2">
        {equivalents.map(({ relation, rationale, other }) => (
          <li key={`${other.unit} ${other.kind} ${other.ref}`}>
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
              <RelationTag relation={relation} />
              <Link href={other.href} className="font-mono font-semibold text-brand-700 underline underline-offset-2">
                {other.ref} in {other.unit}
              </Link>
              <CriterionKindBadge kind={other.kind} />
            </div>
            <p className="mt-0.5">{other.text}</p>
            <p className="text-sm text-slate-700">
              <span className="font-medium">Why: </span>
              {rationale}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
