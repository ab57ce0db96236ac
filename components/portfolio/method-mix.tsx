import type { MethodMixRow } from "@/lib/portfolio/method-mix";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";

/**
 * How the evidence of one unit was gathered: claims by method and where they stand. Assessors
 * and quality assurers read it to see whether a unit rests on one method or a sufficient spread.
 */
export function MethodMix({ rows, showDrafts }: { rows: MethodMixRow[]; showDrafts: boolean }) {
  return (
    <Section id="method-mix" title="Evidence by method">
      <DataTable
        caption="Claims on this unit by the method of their evidence"
        hideCaption
        // On a phone the table scrolls sideways: as a focusable region, keyboard users can scroll it.
        region
        rows={rows}
        rowKey={(row) => row.method}
        empty="No evidence has been mapped to this unit yet."
        columns={[
          { header: "Method", cell: (row) => row.label, rowHeader: true },
          { header: "Accepted claims", cell: (row) => row.accepted, numeric: true },
          { header: "Criteria accepted", cell: (row) => row.criteriaAccepted, numeric: true },
          { header: "Waiting for review", cell: (row) => row.waiting, numeric: true },
          { header: "Referred back", cell: (row) => row.referred, numeric: true },
          ...(showDrafts
            ? [{ header: "Not yet submitted", cell: (row: MethodMixRow) => row.drafts, numeric: true }]
            : []),
        ]}
      />
    </Section>
  );
}
