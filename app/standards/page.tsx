import type { Metadata } from "next";
import Link from "next/link";
import { CriteriaSearchForm } from "@/components/standards/search-form";
import { SearchResults } from "@/components/standards/search-results";
import { Section } from "@/components/ui/section";
import { UnitTable } from "@/components/standards/unit-table";
import { listUnits, searchCriteria } from "@/lib/dal/standards";

// Read from the database on each request; the build runs without one.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Standards" };

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export default async function StandardsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const query = first(params.q).trim();
  const page = Number.parseInt(first(params.page), 10);
  const [units, result] = await Promise.all([
    listUnits(),
    query ? searchCriteria(query, Number.isFinite(page) ? page : 1) : null,
  ]);

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Standards</h1>
        <p className="max-w-3xl text-slate-700">
          The units of competence candidates can be enrolled on, with every criterion as the awarding or
          standard-setting body wrote it. Open a unit to read its criteria, ranges and evidence requirements, or search
          the criteria of all units.
        </p>
        <p className="max-w-3xl text-slate-700">
          <Link href="/standards/crosswalk" className="text-brand-700 underline">
            Crosswalk between units
          </Link>
          : which criteria of one unit another asks for too.
        </p>
      </div>

      <Section id="search-heading" title="Find a criterion" className="space-y-4">
        <CriteriaSearchForm query={query} />
        {result && <SearchResults result={result} />}
      </Section>

      <Section id="units-heading" title="Units">
        {units.length === 0 ? (
          <p className="rounded border border-slate-300 bg-white p-4">
            No units have been imported yet. An administrator can load them with <code>npm run standards:import</code>.
          </p>
        ) : (
          <UnitTable units={units} />
        )}
      </Section>
    </div>
  );
}
