"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import {
  emptyEvidenceFormValues,
  evidenceFormValuesFrom,
  evidenceLimits,
  needsWorkplaceDocument,
  type EvidenceField,
  type EvidenceFieldErrors,
  type EvidenceFormState,
  type EvidenceFormValues,
} from "@/lib/evidence/evidence-form-values";
import { evidenceMethods } from "@/lib/evidence/methods";
import { SubmitButton } from "@/components/ui/button";

type EvidenceFormAction = (state: EvidenceFormState, formData: FormData) => Promise<EvidenceFormState>;

const workplaceDocumentHint =
  "Your unit may let you reference a document kept at work instead of uploading it: say what it is, where it is kept, who holds it and how it is relevant.";

const fieldLabels: Record<EvidenceField, string> = {
  title: "Title",
  method: "Method",
  activityDate: "Date of the activity",
  description: "Description",
  simulated: "This evidence comes from a simulation or role-play, not real work",
  isWorkplaceDocument: "This is a workplace document kept elsewhere",
  workplaceWhat: "What the document is",
  workplaceWhereKept: "Where it is kept",
  workplaceHeldBy: "Who holds it",
  workplaceRelevance: "How it is relevant",
};

const fieldOrder = Object.keys(fieldLabels) as EvidenceField[];
const fieldId = (field: EvidenceField) => `evidence-${field}`;
const errorId = (field: EvidenceField) => `evidence-${field}-error`;
const hintId = (field: EvidenceField) => `evidence-${field}-hint`;

type Problems = { key: number; message: string | null; fieldErrors: EvidenceFieldErrors };

/** The evidence rules (with zod), loaded once on first use; the form asks for them when it gets focus. */
const loadEvidenceRules = () => import("@/lib/evidence/evidence-form-schema");

/**
 * The evidence form, for adding and for changing evidence. Checked here with the same schema
 * the server uses; a refusal from the server redraws the form with everything that was typed.
 */
export function EvidenceForm({
  action,
  initialValues = emptyEvidenceFormValues,
  submitLabel,
  cancelHref,
  today,
}: {
  action: EvidenceFormAction;
  initialValues?: EvidenceFormValues;
  submitLabel: string;
  cancelHref: string;
  /** Today's date in UTC, "YYYY-MM-DD", from the server: the latest activity date allowed. */
  today: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const refused = state && !state.ok ? state : null;
  // Problems found before sending; null once the form passes and goes to the server.
  const [clientProblems, setClientProblems] = useState<Problems | null>(null);
  const clientChecks = useRef(0);
  // Keys of the server's refusals are zero or negative, of checks made here positive.
  const problems: Problems = clientProblems ?? {
    key: -(state?.submission ?? 0),
    message: refused?.message ?? null,
    fieldErrors: refused?.fieldErrors ?? {},
  };

  // Checked here first so that files chosen are not lost to a refusal the browser could have
  // found. The rules need zod, so they load when first needed rather than with every evidence
  // page (issue 15, page weight); if they cannot load, the server checks the same rules. The
  // form's own submission is always stopped and the action started here once the check is done
  // (a second requestSubmit() from a promise did not reach the action in Chromium).
  function checkBeforeSending(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const send = () => {
      setClientProblems(null);
      startTransition(() => formAction(formData));
    };
    loadEvidenceRules().then(({ parseEvidenceForm }) => {
      const result = parseEvidenceForm(evidenceFormValuesFrom(formData));
      if (result.ok) return send();
      clientChecks.current += 1;
      setClientProblems({ key: clientChecks.current, message: result.message, fieldErrors: result.fieldErrors });
    }, send);
  }

  return (
    // Keyed by the server's attempt, so a refused form is drawn again with the values it sent.
    <EvidenceFields
      key={state?.submission ?? 0}
      formAction={formAction}
      onSubmit={checkBeforeSending}
      values={state?.values ?? initialValues}
      problems={problems}
      pending={pending}
      submitLabel={submitLabel}
      cancelHref={cancelHref}
      today={today}
    />
  );
}

// long-function: one form read top to bottom: the error summary, the title, method, date and description fields, the simulated checkbox and the workplace-document fieldset, then the buttons; every field is already a Field, and they share the method and workplace state that shows the fieldset
function EvidenceFields({
  formAction,
  onSubmit,
  values,
  problems,
  pending,
  submitLabel,
  cancelHref,
  today,
}: {
  formAction: (formData: FormData) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  values: EvidenceFormValues;
  problems: Problems;
  pending: boolean;
  submitLabel: string;
  cancelHref: string;
  today: string;
}) {
  const [method, setMethod] = useState(values.method);
  const [isWorkplaceDocument, setIsWorkplaceDocument] = useState(values.isWorkplaceDocument);
  const summaryRef = useRef<HTMLDivElement>(null);
  const errors = problems.fieldErrors;
  const listed = fieldOrder.filter((field) => errors[field]?.length);
  const hasProblems = Boolean(problems.message) || listed.length > 0;

  useEffect(() => {
    if (hasProblems) summaryRef.current?.focus();
  }, [problems.key, hasProblems]);

  const workplaceNeeded = needsWorkplaceDocument({ method, isWorkplaceDocument });

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      onFocus={() => void loadEvidenceRules()}
      noValidate
      className="max-w-3xl space-y-6"
    >
      {hasProblems ? (
        <div
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          aria-labelledby="evidence-problems-title"
          className="rounded border-2 border-red-700 bg-red-50 p-4 text-red-900"
        >
          <h2 id="evidence-problems-title" className="text-lg font-semibold">
            The evidence was not saved
          </h2>
          {problems.message && !listed.some((field) => errors[field]?.includes(problems.message ?? "")) ? (
            <p className="mt-1">{problems.message}</p>
          ) : null}
          {listed.length > 0 ? (
            <ul className="mt-2 list-disc space-y-1 pl-6">
              {listed.map((field) => (
                <li key={field}>
                  <a href={`#${fieldId(field)}`} className="font-medium underline underline-offset-2">
                    {fieldLabels[field]}: {errors[field]?.[0]}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <Field field="title" errors={errors}>
        {(describedBy) => (
          <input
            id={fieldId("title")}
            name="title"
            type="text"
            defaultValue={values.title}
            maxLength={evidenceLimits.title}
            required
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={describedBy}
            className={inputClass(errors.title)}
          />
        )}
      </Field>

      <Field field="method" errors={errors} hint="How the evidence was produced.">
        {(describedBy) => (
          <select
            id={fieldId("method")}
            name="method"
            value={method}
            onChange={(event) => setMethod(event.target.value)}
            required
            aria-invalid={errors.method ? true : undefined}
            aria-describedby={describedBy}
            className={inputClass(errors.method)}
          >
            <option value="">Choose a method</option>
            {evidenceMethods.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        )}
      </Field>

      <Field field="activityDate" errors={errors} hint="The day the activity took place. It cannot be in the future.">
        {(describedBy) => (
          <input
            id={fieldId("activityDate")}
            name="activityDate"
            type="date"
            defaultValue={values.activityDate}
            max={today}
            required
            aria-invalid={errors.activityDate ? true : undefined}
            aria-describedby={describedBy}
            className={`${inputClass(errors.activityDate)} sm:w-56`}
          />
        )}
      </Field>

      <Field
        field="description"
        errors={errors}
        hint="What you did, what it shows and who was involved. Plain text, or Markdown: **bold**, *italic*, lists starting with - or 1., headings starting with ###, links as [text](https://…)."
      >
        {(describedBy) => (
          <textarea
            id={fieldId("description")}
            name="description"
            rows={10}
            defaultValue={values.description}
            maxLength={evidenceLimits.description}
            required
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={describedBy}
            className={inputClass(errors.description)}
          />
        )}
      </Field>

      <Checkbox field="simulated" defaultChecked={values.simulated} errors={errors} />

      <fieldset
        className="space-y-4 rounded border border-slate-300 bg-white p-4"
        aria-describedby="evidence-workplace-hint"
      >
        <legend className="px-1 text-lg font-semibold">Workplace document reference</legend>
        <p id="evidence-workplace-hint" className="text-sm text-slate-700">
          {workplaceDocumentHint}
        </p>
        <Checkbox
          field="isWorkplaceDocument"
          checked={isWorkplaceDocument}
          onChange={setIsWorkplaceDocument}
          errors={errors}
          hint={
            method === "workplaceDocument" ? "Needed: you chose the method “Workplace document reference”." : undefined
          }
        />
        <div hidden={!workplaceNeeded} className="space-y-4">
          <p className="text-sm text-slate-700">All four answers are needed.</p>
          {(["workplaceWhat", "workplaceWhereKept", "workplaceHeldBy"] as const).map((field) => (
            <Field key={field} field={field} errors={errors}>
              {(describedBy) => (
                <input
                  id={fieldId(field)}
                  name={field}
                  type="text"
                  defaultValue={values[field]}
                  maxLength={evidenceLimits[field]}
                  aria-invalid={errors[field] ? true : undefined}
                  aria-describedby={describedBy}
                  className={inputClass(errors[field])}
                />
              )}
            </Field>
          ))}
          <Field field="workplaceRelevance" errors={errors} hint="Which criteria it helps to prove, and how.">
            {(describedBy) => (
              <textarea
                id={fieldId("workplaceRelevance")}
                name="workplaceRelevance"
                rows={4}
                defaultValue={values.workplaceRelevance}
                maxLength={evidenceLimits.workplaceRelevance}
                aria-invalid={errors.workplaceRelevance ? true : undefined}
                aria-describedby={describedBy}
                className={inputClass(errors.workplaceRelevance)}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pending={pending} label={submitLabel} pendingLabel="Saving…" />
        <Link href={cancelHref} className="text-brand-700 underline underline-offset-4">
          Cancel
        </Link>
      </div>
    </form>
  );
}

function inputClass(errors: string[] | undefined): string {
  return `mt-1 block w-full rounded border bg-white px-3 py-2 ${errors?.length ? "border-2 border-red-700" : "border-slate-500"}`;
}

function describedByOf(field: EvidenceField, hint: boolean, errors: EvidenceFieldErrors): string | undefined {
  const ids = [hint ? hintId(field) : null, errors[field]?.length ? errorId(field) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function FieldError({ field, errors }: { field: EvidenceField; errors: EvidenceFieldErrors }) {
  const messages = errors[field];
  if (!messages?.length) return null;
  return (
    <p id={errorId(field)} className="mt-1 font-medium text-red-800">
      <span className="sr-only">Error: </span>
      {messages.join(" ")}
    </p>
  );
}

function Field({
  field,
  errors,
  hint,
  children,
}: {
  field: EvidenceField;
  errors: EvidenceFieldErrors;
  hint?: string;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  return (
    <div>
      <label htmlFor={fieldId(field)} className="block font-medium">
        {fieldLabels[field]}
      </label>
      {hint ? (
        <p id={hintId(field)} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      <FieldError field={field} errors={errors} />
      {children(describedByOf(field, Boolean(hint), errors))}
    </div>
  );
}

function Checkbox({
  field,
  errors,
  hint,
  defaultChecked,
  checked,
  onChange,
}: {
  field: "simulated" | "isWorkplaceDocument";
  errors: EvidenceFieldErrors;
  hint?: string;
  defaultChecked?: boolean;
  checked?: boolean;
  onChange?: (checked: boolean) => void;
}) {
  const controlled = onChange
    ? {
        checked: Boolean(checked),
        onChange: (event: { target: { checked: boolean } }) => onChange(event.target.checked),
      }
    : { defaultChecked };
  return (
    <div>
      <div className="flex items-start gap-2">
        <input
          id={fieldId(field)}
          name={field}
          type="checkbox"
          {...controlled}
          aria-invalid={errors[field] ? true : undefined}
          aria-describedby={describedByOf(field, Boolean(hint), errors)}
          className="mt-1 size-5 shrink-0"
        />
        <label htmlFor={fieldId(field)}>{fieldLabels[field]}</label>
      </div>
      {hint ? (
        <p id={hintId(field)} className="ml-7 text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      <FieldError field={field} errors={errors} />
    </div>
  );
}
