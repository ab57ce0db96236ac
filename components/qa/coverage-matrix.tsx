import { ColumnHeadings } from "@/components/ui/data-table";
import { bodyRowClass, cellClass, headRowClass, tableClass } from "@/components/ui/styles";
import { methodLabel } from "@/lib/evidence/methods";
import type { PlanCoverage } from "@/lib/qa/plans";

/**
 * Assessor by unit: in each cell, per method, how many of the decisions signed in the period the
 * plan samples ("Observation: 2 of 5"). A cell with no decisions says so.
 */
export function CoverageMatrix({ coverage }: { coverage: PlanCoverage }) {
  const cells = new Map(coverage.cells.map((c) => [`${c.assessorId}\u0000${c.unitCode}`, c]));
  return (
    <div role="region" aria-labelledby="coverage-caption" tabIndex={0} className="overflow-x-auto">
      <table className={tableClass}>
        <caption id="coverage-caption" className="py-2 text-left font-semibold">
          Items in the plan of the decisions signed in the period, by assessor, unit and method
        </caption>
        <thead>
          <tr className={headRowClass}>
            <ColumnHeadings headings={["Assessor", ...coverage.unitCodes]} className={cellClass} />
          </tr>
        </thead>
        <tbody>
          {coverage.assessorIds.map((assessorId) => (
            <tr key={assessorId} className={bodyRowClass}>
              <th scope="row" className={`${cellClass} font-medium`}>
                {coverage.assessorNames[assessorId]}
              </th>
              {coverage.unitCodes.map((unitCode) => {
                const cell = cells.get(`${assessorId}\u0000${unitCode}`);
                return (
                  <td key={unitCode} className={cellClass}>
                    {cell ? (
                      <ul className="space-y-0.5">
                        {cell.methods.map((m) => (
                          <li key={m.method} className={m.items === 0 ? "text-red-800" : undefined}>
                            {methodLabel(m.method)}: {m.items} of {m.decisions}
                            {m.items === 0 ? <span className="sr-only"> (none sampled)</span> : null}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-slate-600">No decisions</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
