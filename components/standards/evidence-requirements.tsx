import type { RequirementDto } from "@/lib/dal/standards";

/** The checks in words; each one is a rule the assessor confirms at unit sign-off. */
export function checkLabels(checks: RequirementDto["checks"]): string[] {
  const labels: string[] = [];
  if (checks.realWorkOnly) labels.push("Real work only");
  if (checks.simulationAllowed === false) labels.push("Simulation not allowed");
  if (checks.simulationAllowed === true) labels.push("Simulation allowed");
  if (checks.sufficientPeriod) labels.push("Assessor confirms a sufficient period");
  if (checks.eachItemEvidenced) labels.push("Each item must be evidenced");
  return labels;
}

export function EvidenceRequirements({ requirements }: { requirements: RequirementDto[] }) {
  return (
    <ol className="space-y-3">
      {requirements.map((requirement) => {
        const labels = checkLabels(requirement.checks);
        return (
          <li key={requirement.ref} className="rounded border border-slate-200 bg-white p-4">
            <div className="flex gap-3">
              <span className="font-mono font-semibold">{requirement.ref}</span>
              <div className="space-y-2">
                <p>{requirement.text}</p>
                {requirement.items.length > 0 && (
                  <ul className="space-y-0.5">
                    {requirement.items.map((item) => (
                      <li key={item.ref}>
                        <span className="font-mono font-semibold">{item.ref}</span> {item.text}
                      </li>
                    ))}
                  </ul>
                )}
                {labels.length > 0 && (
                  <ul aria-label="Checked at unit sign-off" className="flex flex-wrap gap-2">
                    {labels.map((label) => (
                      <li
                        key={label}
                        className="rounded border border-amber-700 bg-amber-50 px-2 py-0.5 text-sm font-medium text-amber-900"
                      >
                        {label}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
