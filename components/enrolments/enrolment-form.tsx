"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Choice, FieldSet, InputField, SelectField } from "@/components/ui/field";
import { linkClass, successClass } from "@/components/ui/styles";
import { createEnrolmentAction, type EnrolledPair } from "@/lib/actions/enrolment-create";
import type { CandidateMatches, PersonOption, UnitOption } from "@/lib/enrolments/enrolment-options";
import { MAX_ENROLMENTS_AT_ONCE } from "@/lib/enrolments/limits";
import { errorsFor, valueOf, valuesOf } from "@/lib/forms/form-state";
import { CandidatePicker, type Ticked } from "./candidate-picker";

const labels: Record<string, string> = {
  candidateId: "Candidates",
  unitCode: "Units",
  assessorId: "Assessor",
  iqaId: "Internal quality assurer (IQA)",
  startDate: "Start date",
  plannedEndDate: "Planned end date",
};
const idOf = (field: string) => `enrol-${field}`;

export type EnrolmentFormProps = {
  centreId: string;
  timeZone: string;
  today: string;
  /** The first candidates of the centre by name; the picker asks the server for others. */
  candidates: CandidateMatches;
  units: UnitOption[];
  assessors: PersonOption[];
  iqas: PersonOption[];
};

const personLabel = (p: PersonOption) => `${p.name} (${p.email})`;

// long-function: one form read top to bottom: the result report, the error summary, then the candidates, units, assessor, IQA and date fields in the order the form shows them; each field is a component already and shares the form's state
export function EnrolmentForm({ centreId, timeZone, today, candidates, units, assessors, iqas }: EnrolmentFormProps) {
  const [state, action, pending] = useActionState(createEnrolmentAction, null);
  // After a success the form starts again empty; after a refusal it shows what was sent.
  const sent = state && !state.ok ? state : null;
  // Who is ticked outlives the form's redraw (a refusal keeps them, with their names, even when
  // the list shows others); a success starts again with nobody ticked.
  const [ticked, setTicked] = useState<Ticked>(new Map());
  const [seenSubmission, setSeenSubmission] = useState(state?.submission);
  if (state?.submission !== seenSubmission) {
    setSeenSubmission(state?.submission);
    if (state?.ok) setTicked(new Map());
  }
  const field = (name: string) => ({
    id: idOf(name),
    name,
    label: labels[name] ?? name,
    errors: errorsFor(state, name),
    defaultValue: valueOf(sent, name, name === "startDate" ? today : ""),
  });
  const chosenUnits = new Set(valuesOf(sent, "unitCode"));

  return (
    <div className="space-y-5">
      {/* A live region that is always there, so what it comes to say is announced. */}
      <div role="status">
        {state?.ok && state.data ? (
          <EnrolReport message={state.message} created={state.data.created} skipped={state.data.alreadyEnrolled} />
        ) : null}
      </div>
      {/* Redrawn after each submission so every control shows what was sent, or starts afresh. */}
      <form key={state?.submission ?? 0} action={action} noValidate className="space-y-5">
        {sent ? (
          <ErrorSummary
            title="There is a problem"
            message={Object.keys(sent.fieldErrors ?? {}).length ? undefined : sent.message}
            problems={Object.entries(sent.fieldErrors ?? {}).flatMap(([name, messages]) =>
              messages.map((text) => ({ text, label: labels[name], target: labels[name] ? idOf(name) : undefined })),
            )}
            focusKey={sent.submission}
          />
        ) : null}
        <input type="hidden" name="centreId" value={centreId} />
        <CandidatePicker
          id={idOf("candidateId")}
          initialMatches={candidates}
          ticked={ticked}
          onTickedChange={setTicked}
          errors={errorsFor(state, "candidateId")}
        />
        <FieldSet
          id={idOf("unitCode")}
          legend="Units"
          hint="Tick one or more. Each enrolment is pinned to the version shown: later changes to the unit's text do not affect it."
          errors={errorsFor(state, "unitCode")}
        >
          {units.map((u) => (
            <Choice
              key={u.code}
              id={`${idOf("unitCode")}-${u.code}`}
              name="unitCode"
              value={u.code}
              defaultChecked={chosenUnits.has(u.code)}
              label={`${u.code} — ${u.title} (version ${u.versionNumber})`}
            />
          ))}
        </FieldSet>
        <SelectField {...field("assessorId")} required hint="The same assessor for every enrolment made here.">
          <option value="">Choose an assessor</option>
          {assessors.map((p) => (
            <option key={p.id} value={p.id}>
              {personLabel(p)}
            </option>
          ))}
        </SelectField>
        <SelectField {...field("iqaId")} required>
          <option value="">Choose an internal quality assurer</option>
          {iqas.map((p) => (
            <option key={p.id} value={p.id}>
              {personLabel(p)}
            </option>
          ))}
        </SelectField>
        <InputField
          {...field("startDate")}
          type="date"
          required
          hint={`Dates are in the centre's time zone (${timeZone}).`}
        />
        <InputField {...field("plannedEndDate")} type="date" required hint="Must be after the start date." />
        <p className="text-sm text-slate-700">
          Up to {MAX_ENROLMENTS_AT_ONCE} enrolments at once (candidates times units). A candidate already enrolled on a
          ticked unit is left as they are and listed after enrolling.
        </p>
        <SubmitButton pending={pending} label="Enrol" pendingLabel="Enrolling…" />
      </form>
    </div>
  );
}

function EnrolReport({
  message,
  created,
  skipped,
}: {
  message?: string;
  created: EnrolledPair[];
  skipped: EnrolledPair[];
}) {
  const list = (pairs: EnrolledPair[]) => (
    <ul className="list-disc space-y-1 pl-5">
      {pairs.map((p) => (
        <li key={p.id}>
          <Link href={`/admin/enrolments/${p.id}`} className={linkClass}>
            {`${p.candidateName}, ${p.unitCode}`}
          </Link>{" "}
          (version {p.versionNumber})
        </li>
      ))}
    </ul>
  );
  return (
    <div className={`space-y-2 ${successClass}`}>
      <p className="font-semibold">{message}</p>
      <h2 className="font-semibold">Enrolled</h2>
      {list(created)}
      {skipped.length > 0 ? (
        <>
          <h2 className="font-semibold">Already enrolled, left as they were</h2>
          {list(skipped)}
        </>
      ) : null}
    </div>
  );
}
