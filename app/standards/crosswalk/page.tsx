import type { Metadata } from "next";
import Link from "next/link";
import { relationMeaning, relationWords } from "@/components/standards/crosswalk-relation";
import { CrosswalkForm } from "@/components/standards/crosswalk-form";
import { CrosswalkView } from "@/components/standards/crosswalk-view";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { noticeClass } from "@/components/ui/styles";
import { crosswalkBetween, type CrosswalkBetween } from "@/lib/dal/crosswalk";
import { listUnits, type UnitSummary } from "@/lib/dal/standards";

// Read from the database on each request; the build runs without one.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function first(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? "").trim();
}

type Loaded = { units: UnitSummary[]; a: string; b: string; problem: string | null; view: CrosswalkBetween | null };

/** The two units asked for, checked against the units there are; the crosswalk once both are. */
async function load({ searchParams }: Props): Promise<Loaded> {
  const [params, units] = await Promise.all([searchParams, listUnits()]);
  const codes = new Set(units.map((u) => u.code));
  const [a, b] = [first(params.a), first(params.b)].map((code) => (codes.has(code) ? code : "")) as [string, string];
  const asked = first(params.a) !== "" || first(params.b) !== "";
  if (!a || !b) return { units, a, b, problem: asked ? "Choose two units to compare." : null, view: null };
  if (a === b) return { units, a, b, problem: "Choose two different units to compare.", view: null };
  return { units, a, b, problem: null, view: await crosswalkBetween(a, b) };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { view } = await load(props);
  return { title: view ? `Crosswalk ${view.a.code} and ${view.b.code}` : "Crosswalk between units" };
}

export default async function CrosswalkPage(props: Props) {
  const { units, a, b, problem, view } = await load(props);
  return (
    <div className="space-y-8">
      <nav aria-label="Breadcrumb" className="text-sm">
        <ol className="flex gap-2">
          <li>
            <Link href="/standards" className="text-brand-700 underline">
              Standards
            </Link>
            <span aria-hidden="true"> /</span>
          </li>
          <li aria-current="page">Crosswalk</li>
        </ol>
      </nav>
      <PageHeader
        title={view ? `Crosswalk: ${view.a.code} and ${view.b.code}` : "Crosswalk between units"}
        lead="Which criteria of one unit another unit asks for too, curated by the team: one piece of workplace evidence can then be claimed for both."
      >
        <DescriptionList
          className="max-w-3xl"
          items={(["exact", "close"] as const).map((relation) => ({
            term: relationWords(relation),
            details: relationMeaning(relation),
          }))}
        />
      </PageHeader>

      <CrosswalkForm units={units} a={a} b={b} />
      {problem && (
        <p role="status" className={noticeClass}>
          <strong>Note:</strong> {problem}
        </p>
      )}
      {view && <CrosswalkView view={view} />}
    </div>
  );
}
