import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { CriterionItem } from "@/components/standards/criterion-item";
import { CrosswalkEquivalents } from "@/components/standards/crosswalk-equivalents";
import { CrosswalkLinks } from "@/components/standards/crosswalk-links";
import { CalendarDate, DateTimeText } from "@/components/standards/dates";
import { EvidenceRequirements } from "@/components/standards/evidence-requirements";
import { Section } from "@/components/ui/section";
import { groupKindLabel, unitKindLabel } from "@/components/standards/labels";
import { VersionHistory } from "@/components/standards/version-history";
import { equivalentsOfUnit } from "@/lib/dal/crosswalk";
import { getUnit, listUnits, type UnitDetail } from "@/lib/dal/standards";

// Read from the database on each request; the build runs without one.
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Codes contain "&" ("CFAM&LFD3"), so the segment may arrive encoded. */
function decodeCode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function versionParam(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && /^\d{1,9}$/.test(text) ? Number(text) : undefined;
}

async function load({ params, searchParams }: Props): Promise<UnitDetail | null> {
  const [{ code: segment }, query] = await Promise.all([params, searchParams]);
  const code = decodeCode(segment);
  return code ? getUnit(code, versionParam(query.version)) : null;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const unit = await load(props);
  return { title: unit ? `${unit.code} ${unit.title}` : "Unit not found" };
}

function metadataRows(unit: UnitDetail): { label: string; value: ReactNode }[] {
  const m = unit.metadata;
  const level = unit.level ?? m.level;
  const credits = unit.creditValue ?? m.creditValue;
  const rows: { label: string; value: ReactNode | undefined }[] = [
    { label: "Kind", value: unitKindLabel(unit.kind) },
    { label: "Developed by", value: m.developedBy },
    { label: "Originating organisation", value: m.originatingOrganisation },
    { label: "Awarding body", value: m.awardingBody },
    { label: "Suite", value: m.suite },
    { label: "Level", value: level ?? undefined },
    { label: "Credit value", value: credits ?? undefined },
    { label: "Source version", value: unit.version.sourceVersion ?? undefined },
    { label: "Approved on", value: m.approvedOn && <CalendarDate value={m.approvedOn} /> },
    { label: "Review by", value: m.reviewOn && <CalendarDate value={m.reviewOn} /> },
    { label: "Original reference (URN)", value: m.originalUrn },
    {
      label: "Relevant occupations",
      value: m.relevantOccupations?.length ? m.relevantOccupations.join("; ") : undefined,
    },
    { label: "Keywords", value: m.keywords?.length ? m.keywords.join("; ") : undefined },
  ];
  return rows.filter(
    (row): row is { label: string; value: ReactNode } =>
      row.value !== undefined && row.value !== null && row.value !== "",
  );
}

/** "Learning outcome 1", "Performance criteria"; empty when the title already says it ("Skills"). */
function groupLabel(group: UnitDetail["groups"][number]): string {
  const label = group.ref ? `${groupKindLabel(group.kind)} ${group.ref}` : groupKindLabel(group.kind);
  return label.toLowerCase() === group.title.toLowerCase() ? "" : label;
}

function Paragraphs({ texts }: { texts: string[] }) {
  return (
    <>
      {texts.map((text, i) => (
        <p key={i} className="max-w-3xl">
          {text}
        </p>
      ))}
    </>
  );
}

// long-function: one unit's text read top to bottom as its source document runs: breadcrumb and heading, the older-version note, about, contents, crosswalk links, each group's criteria with their equivalents, notes, evidence requirements, version history and transcription notes; criteria, requirements and history are components already
export default async function UnitPage(props: Props) {
  const unit = await load(props);
  if (!unit) notFound();

  const [equivalents, units] = await Promise.all([equivalentsOfUnit(unit.code, unit.version.number), listUnits()]);
  const base = `/standards/${encodeURIComponent(unit.code)}`;
  const isOlder = unit.version.number !== unit.latestVersionNumber;
  const { overview, aims } = unit.metadata;

  return (
    <div className="space-y-10">
      <div className="space-y-3">
        <nav aria-label="Breadcrumb" className="text-sm">
          <ol className="flex gap-2">
            <li>
              <Link href="/standards" className="text-brand-700 underline">
                Standards
              </Link>
              <span aria-hidden="true"> /</span>
            </li>
            <li aria-current="page">{unit.code}</li>
          </ol>
        </nav>
        <h1 className="text-3xl font-bold">
          {unit.code} {unit.title}
        </h1>
        <p className="text-slate-700">
          {unitKindLabel(unit.kind)}, version {unit.version.number}
          {unit.version.sourceVersion && ` (source version ${unit.version.sourceVersion})`}
        </p>
        {isOlder && (
          <div role="note" className="rounded border-l-4 border-amber-700 bg-amber-50 p-4">
            <p>
              <strong>This is an older text of {unit.code}:</strong> version {unit.version.number}, imported{" "}
              <DateTimeText iso={unit.version.importedAt} />. Version {unit.latestVersionNumber} is current. Candidates
              enrolled on this version keep its text.
            </p>
            <p className="mt-1">
              <Link href={base} className="text-brand-700 underline">
                Show the current version
              </Link>
            </p>
          </div>
        )}
      </div>

      <Section id="about-heading" title="About this unit" className="space-y-4">
        <dl className="grid max-w-3xl grid-cols-1 gap-x-6 gap-y-2 rounded border border-slate-200 bg-white p-4 sm:grid-cols-[max-content_1fr]">
          {metadataRows(unit).map((row) => (
            <div key={row.label} className="contents">
              <dt className="font-semibold">{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
        {overview && overview.length > 0 && (
          <div className="space-y-2">
            <h3 className="text-lg font-semibold">Overview</h3>
            <Paragraphs texts={overview} />
          </div>
        )}
        {aims && aims.length > 0 && (
          <div className="space-y-2">
            <h3 className="text-lg font-semibold">Aims</h3>
            <Paragraphs texts={aims} />
          </div>
        )}
      </Section>

      <nav aria-labelledby="contents-heading" className="space-y-2">
        <h2 id="contents-heading" className="text-xl font-semibold">
          Contents
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          {unit.groups.map((group, g) => (
            <li key={g}>
              <a href={`#group-${g + 1}`} className="text-brand-700 underline">
                {[groupLabel(group), group.title].filter(Boolean).join(": ")}
              </a>
            </li>
          ))}
          {unit.requirements.length > 0 && (
            <li>
              <a href="#requirements-heading" className="text-brand-700 underline">
                Evidence requirements
              </a>
            </li>
          )}
          <li>
            <a href="#history-heading" className="text-brand-700 underline">
              Version history
            </a>
          </li>
        </ul>
      </nav>

      <CrosswalkLinks code={unit.code} others={units.map((u) => u.code).filter((c) => c !== unit.code)} />

      {unit.groups.map((group, g) => (
        <section key={g} aria-labelledby={`group-${g + 1}`} className="space-y-3">
          <h2 id={`group-${g + 1}`} className="scroll-mt-4 text-xl font-semibold">
            {groupLabel(group) && (
              <>
                <span className="block text-sm font-medium text-slate-700">{groupLabel(group)}</span>{" "}
              </>
            )}
            {group.title}
          </h2>
          {group.notes.length > 0 && (
            <div className="space-y-1 text-slate-800">
              <Paragraphs texts={group.notes} />
            </div>
          )}
          <ol className="space-y-3">
            {group.criteria.map((criterion) => (
              <CriterionItem key={criterion.anchor} criterion={criterion}>
                <CrosswalkEquivalents equivalents={equivalents[criterion.anchor] ?? []} />
              </CriterionItem>
            ))}
          </ol>
          {group.assessmentMethods.length > 0 && (
            <div className="rounded border border-slate-200 bg-white p-4">
              <h3 className="font-semibold">Evidence may be supplied by</h3>
              <ul className="mt-1 list-disc pl-5">
                {group.assessmentMethods.map((method, i) => (
                  <li key={i}>{method}</li>
                ))}
              </ul>
            </div>
          )}
        </section>
      ))}

      {unit.notes.length > 0 && (
        <Section id="notes-heading" title="Notes on this unit" className="space-y-2">
          <Paragraphs texts={unit.notes} />
        </Section>
      )}

      {unit.requirements.length > 0 && (
        <section aria-labelledby="requirements-heading" className="space-y-3">
          <h2 id="requirements-heading" className="scroll-mt-4 text-xl font-semibold">
            Evidence requirements
          </h2>
          <p className="max-w-3xl text-slate-700">
            Rules for the unit as a whole. The assessor confirms each one before the unit is signed off.
          </p>
          <EvidenceRequirements requirements={unit.requirements} />
        </section>
      )}

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="scroll-mt-4 text-xl font-semibold">
          Version history
        </h2>
        <VersionHistory
          code={unit.code}
          versions={unit.versions}
          shown={unit.version.number}
          latest={unit.latestVersionNumber}
        />
      </section>

      {unit.transcriptionNotes.length > 0 && (
        <Section id="transcription-heading" title="How this text was transcribed" className="space-y-2">
          <p className="max-w-3xl text-slate-700">Notes on how the source document was turned into this page.</p>
          <ul className="max-w-3xl list-disc space-y-1 pl-5">
            {unit.transcriptionNotes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        </Section>
      )}
    </div>
  );
}
