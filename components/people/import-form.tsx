"use client";

import { useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { importCandidatesCsvAction } from "@/lib/actions/people-import-csv";
import { errorsFor } from "@/lib/forms/form-state";
import { CopyLink } from "./copy-link";
import { ErrorSummary } from "./error-summary";
import { ImportReportView } from "./import-report";
import { SubmitButton } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";

const maxBytes = 1024 * 1024;

export function ImportForm() {
  const [state, formAction, pending] = useActionState(importCandidatesCsvAction, null);
  const [tooLarge, setTooLarge] = useState(0);
  const failure = state && !state.ok ? state : null;
  const outcome = state?.ok ? state.data : null;
  const report = outcome?.report ?? null;
  const fileError = tooLarge
    ? ["The file is larger than 1 MB. Split it into smaller files and import each one."]
    : errorsFor(state, "file");
  const tooLargeSummary = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (tooLarge) tooLargeSummary.current?.focus();
  }, [tooLarge]);

  function checkSize(event: FormEvent<HTMLFormElement>) {
    const input = event.currentTarget.elements.namedItem("file");
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    if (file && file.size > maxBytes) {
      event.preventDefault();
      setTooLarge((n) => n + 1);
    } else {
      setTooLarge(0);
    }
  }

  return (
    <div className="space-y-6">
      <form action={formAction} onSubmit={checkSize} noValidate className="max-w-xl space-y-4">
        {tooLarge ? (
          <p
            ref={tooLargeSummary}
            tabIndex={-1}
            role="alert"
            className="rounded border border-red-700 bg-red-50 p-3 text-red-900"
          >
            <span className="font-semibold">Not uploaded: </span>
            The file is larger than 1 MB. Split it into smaller files and import each one.
          </p>
        ) : failure ? (
          <ErrorSummary
            id="import-errors"
            title="Not imported"
            message={failure.message}
            fieldErrors={failure.fieldErrors}
            fieldLabels={{ file: { label: "CSV file", target: "csv-file" } }}
            submission={state?.submission ?? 0}
          />
        ) : null}
        <InputField
          id="csv-file"
          name="file"
          type="file"
          label="CSV file"
          hint="A .csv file of at most 1 MB and 5000 people. Row 1 names the columns: name,email."
          accept=".csv,text/csv"
          errors={fileError}
          className=""
        />
        <SubmitButton pending={pending} label="Import candidates" pendingLabel="Checking and importing…" />
      </form>

      {outcome && state ? (
        <ImportReportView key={state.submission} report={outcome.report} fileName={outcome.fileName} />
      ) : null}
      {report?.imported && report.rows.some((r) => r.invitationLink) ? (
        <CopyLink
          multiline
          label="All invitation links"
          link={[
            "email,invitation link",
            ...report.rows.filter((r) => r.invitationLink).map((r) => `${r.email},${r.invitationLink}`),
          ].join("\n")}
          hint="Every new link with its email address, as CSV to paste into a spreadsheet. Each is also in the outbox."
        />
      ) : null}
    </div>
  );
}
