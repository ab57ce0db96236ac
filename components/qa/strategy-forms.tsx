"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { InputField, Options, SelectField, TextAreaField } from "@/components/ui/field";
import { saveStrategyAction, setRiskLevelAction } from "@/lib/actions/qa-strategy";
import { errorsFor, valueOf, type FormState } from "@/lib/forms/form-state";
import { riskLevelLabels, riskLevels, strategyLimits, type RiskLevel } from "@/lib/qa/risk";

const rateFields = [
  { name: "newRate", level: "new", label: "New assessors (%)" },
  { name: "standardRate", level: "standard", label: "Standard (%)" },
  { name: "lowRate", level: "low", label: "Low risk (%)" },
] as const;

/** The centre's rate per risk level and its strategy in words (Markdown). */
export function StrategyForm({ rates, text }: { rates: Record<RiskLevel, number>; text: string }) {
  const [state, action, pending] = useActionState(saveStrategyAction, null);
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="space-y-4" aria-labelledby="edit-title">
      <h3 id="edit-title" className="text-lg font-semibold">
        Change the rates or the strategy
      </h3>
      <FormProblem
        state={state}
        fieldIds={{ newRate: "rate-new", standardRate: "rate-standard", lowRate: "rate-low", text: "strategy-text" }}
      />
      <div className="flex flex-wrap gap-4">
        {rateFields.map((field) => (
          <InputField
            key={field.name}
            id={`rate-${field.level}`}
            name={field.name}
            label={field.label}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            required
            defaultValue={valueOf(state, field.name, String(rates[field.level]))}
            errors={errorsFor(state, field.name)}
            className="space-y-1"
            controlClassName="max-w-32"
          />
        ))}
      </div>
      <TextAreaField
        id="strategy-text"
        name="text"
        label="The strategy in words"
        hint="Who is sampled how often and why, how interim and summative sampling are spread, and how every candidate group, assessor, method and unit is covered over time. A little Markdown works: **bold**, lists, headings."
        rows={8}
        maxLength={strategyLimits.text}
        defaultValue={valueOf(state, "text", text)}
        errors={errorsFor(state, "text")}
        className=""
      />
      <SubmitButton pending={pending} label="Save the strategy" pendingLabel="Saving…" />
    </form>
  );
}

/** Sets one assessor's risk level, for all their units or one, with the reason (kept in the history). */
export function RiskLevelForm({
  assessors,
  unitCodes,
  rates,
  chosen,
}: {
  assessors: { id: string; name: string }[];
  unitCodes: string[];
  rates: Record<RiskLevel, number>;
  /** Filled in from a suggestion's link. */
  chosen?: { assessorId?: string; level?: string };
}) {
  const [state, action, pending] = useActionState(setRiskLevelAction, null);
  return (
    <form
      action={action}
      key={state?.submission ?? 0}
      noValidate
      className="space-y-4"
      aria-labelledby="set-level-title"
    >
      <FormProblem
        state={state}
        fieldIds={{
          assessorId: "level-assessor",
          level: "level-level",
          ratePercent: "level-rate",
          unitCode: "level-unit",
          reason: "level-reason",
        }}
      />
      <SelectField
        id="level-assessor"
        name="assessorId"
        label="Assessor"
        required
        defaultValue={valueOf(state, "assessorId", chosen?.assessorId ?? "")}
        errors={errorsFor(state, "assessorId")}
        className="space-y-1"
      >
        <Options
          emptyLabel="Choose an assessor"
          emptyDisabled
          choices={assessors.map((a) => ({ value: a.id, label: a.name }))}
        />
      </SelectField>
      <SelectField
        id="level-level"
        name="level"
        label="Risk level"
        required
        defaultValue={valueOf(state, "level", chosen?.level ?? "")}
        errors={errorsFor(state, "level")}
        className="space-y-1"
      >
        <Options
          emptyLabel="Choose a level"
          emptyDisabled
          choices={riskLevels.map((level) => ({ value: level, label: `${riskLevelLabels[level]} (${rates[level]}%)` }))}
        />
      </SelectField>
      <RiskDetailFields state={state} unitCodes={unitCodes} />
      <SubmitButton pending={pending} label="Set risk level" pendingLabel="Setting…" />
    </form>
  );
}

/** The own rate, the unit and the reason of a risk level. */
function RiskDetailFields({ state, unitCodes }: { state: FormState<unknown>; unitCodes: string[] }) {
  return (
    <>
      <InputField
        id="level-rate"
        name="ratePercent"
        label="Own rate (%, optional)"
        hint="Leave blank to sample this assessor at the level's rate."
        type="number"
        inputMode="numeric"
        min={0}
        max={100}
        step={1}
        defaultValue={valueOf(state, "ratePercent")}
        errors={errorsFor(state, "ratePercent")}
        className="space-y-1"
        controlClassName="max-w-32"
      />
      <SelectField
        id="level-unit"
        name="unitCode"
        label="Unit"
        hint="A level for one unit beats the level for all units on that unit."
        defaultValue={valueOf(state, "unitCode")}
        errors={errorsFor(state, "unitCode")}
        className="space-y-1"
      >
        <Options emptyLabel="All units" choices={unitCodes.map((code) => ({ value: code, label: code }))} />
      </SelectField>
      <TextAreaField
        id="level-reason"
        name="reason"
        label="Reason"
        hint="Why this level: experience, recent sampling outcomes, a new unit or standard. It is kept in the assessor's history."
        required
        rows={3}
        maxLength={strategyLimits.reason}
        defaultValue={valueOf(state, "reason")}
        errors={errorsFor(state, "reason")}
        className=""
      />
    </>
  );
}
