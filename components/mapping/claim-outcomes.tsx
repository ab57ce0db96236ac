import type { FormState } from "@/lib/forms/form-state";
import type { ProposedMappings } from "@/lib/mapping/propose-mappings";
import { ActionMessage } from "./action-message";

// What one "Map" did to each claim: one claim reads as it always did ("Mapped to CS34 1.2." or
// "Not done: <why>"); several read unit by unit, the refusals as an alert naming the unit that
// refused and why, the claims mapped as a status, so a refusal never hides what did happen.
// With an `id`, focus can be moved to it (to the refusals when there are any).

const alertClass = "rounded border border-red-700 bg-red-50 p-3 text-red-900";
const statusClass = "rounded border border-green-700 bg-green-50 p-3 text-green-900";

export function ClaimOutcomes({ state, id }: { state: FormState<ProposedMappings>; id?: string }) {
  if (!state) return null;
  if (!state.ok) return <ActionMessage state={state} id={id} />;
  const { outcomes } = state.data;
  const [only] = outcomes;
  if (outcomes.length === 1 && only)
    return (
      <ActionMessage
        state={only.ok ? { ok: true, data: null, message: only.message } : { ok: false, message: only.reason }}
        id={id}
      />
    );
  const refused = outcomes.filter((o) => !o.ok);
  const mapped = outcomes.filter((o) => o.ok);
  return (
    <div className="space-y-2">
      {refused.length > 0 && (
        <div id={id} tabIndex={id ? -1 : undefined} role="alert" className={alertClass}>
          <p className="font-semibold">
            Not done in {refused.length === 1 ? "one unit" : `${refused.length} units`}
            {mapped.length > 0 ? "; the others are mapped" : ""}:
          </p>
          <ul className="list-disc pl-5">
            {refused.map((o) => (
              <li key={`${o.enrolmentId}-${o.criterionId}`}>{o.message}</li>
            ))}
          </ul>
        </div>
      )}
      {mapped.length > 0 && (
        <div
          id={refused.length === 0 ? id : undefined}
          tabIndex={refused.length === 0 && id ? -1 : undefined}
          role="status"
          className={statusClass}
        >
          <ul className="space-y-1">
            {mapped.map((o) => (
              <li key={`${o.enrolmentId}-${o.criterionId}`}>
                <span aria-hidden="true">✔ </span>
                {o.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
