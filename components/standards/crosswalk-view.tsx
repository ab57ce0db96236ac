import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { emptyClass, linkClass } from "@/components/ui/styles";
import type { CrosswalkBetween, CrosswalkCriterion, CrosswalkSide } from "@/lib/dal/crosswalk";
import { DateTimeText } from "./dates";
import { RelationTag } from "./crosswalk-relation";
import { criterionKindLabel } from "./labels";

function CriterionCell({ criterion }: { criterion: CrosswalkCriterion }) {
  return (
    <>
      <Link href={criterion.href} className={`${linkClass} font-mono font-semibold`}>
        {criterion.ref}
        <span className="sr-only"> in {criterion.unit}</span>
      </Link>{" "}
      <span className="text-xs text-slate-700">{criterionKindLabel(criterion.kind)}</span>
      <p className="mt-0.5">{criterion.text}</p>
    </>
  );
}

/** "CU782 criteria with an exact equivalent in CS5: 27 of 27", and with any equivalent. */
function CoverageLines({ side, other }: { side: CrosswalkSide; other: CrosswalkSide }) {
  return (
    <>
      <li>
        {side.code} criteria with an exact equivalent in {other.code}: {side.withExact} of {side.total}
      </li>
      <li>
        {side.code} criteria with an exact or close equivalent in {other.code}: {side.withAny} of {side.total}
      </li>
    </>
  );
}

function Uncovered({ side, other }: { side: CrosswalkSide; other: CrosswalkSide }) {
  const id = `without-${side.code}-heading`.replace(/[^A-Za-z0-9_-]/g, "-");
  return (
    <Section id={id} title={`${side.code} criteria without an equivalent in ${other.code}`}>
      {side.without.length === 0 ? (
        <p className={emptyClass}>
          Every criterion of {side.code} has an equivalent in {other.code}.
        </p>
      ) : (
        <ul className="max-w-3xl list-disc space-y-1 pl-5">
          {side.without.map((c) => (
            <li key={`${c.kind} ${c.ref}`}>
              <Link href={c.href} className={`${linkClass} font-mono font-semibold`}>
                {c.ref}
                <span className="sr-only"> in {side.code}</span>
              </Link>{" "}
              {c.text}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** Coverage each way, the curated pairs between the two units, and what has no equivalent. */
export function CrosswalkView({ view }: { view: CrosswalkBetween }) {
  const { a, b, pairs, crosswalk } = view;
  return (
    <>
      <Section id="coverage-heading" title="Coverage">
        {crosswalk ? (
          <p className="text-slate-700">
            Crosswalk version {crosswalk.number}, imported <DateTimeText iso={crosswalk.createdAt} />, between version{" "}
            {a.versionNumber} of {a.code} and version {b.versionNumber} of {b.code}.
          </p>
        ) : (
          <p className={emptyClass}>
            No crosswalk has been imported yet. An administrator loads it with <code>npm run standards:import</code>.
          </p>
        )}
        <ul className="list-disc space-y-1 pl-5">
          <CoverageLines side={a} other={b} />
          <CoverageLines side={b} other={a} />
        </ul>
      </Section>

      <Section id="pairs-heading" title="Pairs">
        <DataTable
          caption={`Pairs between ${a.code} and ${b.code}`}
          hideCaption
          region
          rows={pairs}
          rowKey={(p) => `${p.a.kind} ${p.a.ref} ${p.b.kind} ${p.b.ref}`}
          empty={`No curated pairs between ${a.code} and ${b.code}.`}
          columns={[
            { header: `${a.code} criterion`, cell: (p) => <CriterionCell criterion={p.a} />, className: "min-w-56" },
            { header: "Relation", cell: (p) => <RelationTag relation={p.relation} /> },
            { header: `${b.code} criterion`, cell: (p) => <CriterionCell criterion={p.b} />, className: "min-w-56" },
            { header: "Why", cell: (p) => p.rationale, className: "min-w-56 text-slate-800" },
          ]}
        />
      </Section>

      <Uncovered side={a} other={b} />
      <Uncovered side={b} other={a} />
    </>
  );
}
