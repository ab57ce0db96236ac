"use client";

import { useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { importCandidatesCsvAction, type ImportCsvState } from "@/lib/actions/people-import-csv";
import { CopyLink } from "./copy-link";
import { ErrorSummary } from "./error-summary";
import { ImportReportView } from "./import-report";
import { fieldErrorClass, inputClass, primaryButtonClass } from "./styles";

const maxBytes = 1024 * 1024;

export function ImportForm() {
  const [state, formAction, pending] = useActionState<ImportCsvState, FormData>(importCandidatesCsvAction, null);
  const [tooLarge, setTooLarge] = useState(0);
  const failure = state && !state.result.ok ? state.result : null;
  const report = state?.result.ok ? state.result.report : null;
  const fileError = tooLarge ? ["The file is larger than 1 MB. Split it into smaller files and import each one."] : failure?.fieldErrors?.file;
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
          <p ref={tooLargeSummary} tabIndex={-1} role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
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
        <div>
          <label htmlFor="csv-file" className="block font-medium">
            CSV file
          </label>
          <p id="csv-file-hint" className="text-sm text-slate-700">
            A .csv file of at most 1 MB and 5000 people. Row 1 names the columns: name,email.
          </p>
          <input
            id="csv-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "csv-file-hint csv-file-error" : "csv-file-hint"}
            className={inputClass}
          />
          {fileError ? (
            <p id="csv-file-error" className={fieldErrorClass}>
              {fileError.join(" ")}
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Checking and importing…" : "Import candidates"}
        </button>
      </form>

      {report && state ? <ImportReportView key={state.submission} report={report} fileName={state.fileName} /> : null}
      {report?.imported && report.rows.some((r) => r.invitationLink) ? (
        <CopyLink
          multiline
          label="All invitation links"
          link={["email,invitation link", ...report.rows.filter((r) => r.invitationLink).map((r) => `${r.email},${r.invitationLink}`)].join("\n")}
          hint="Every new link with its email address, as CSV to paste into a spreadsheet. Each is also in the outbox."
        />
      ) : null}
    </div>
  );
}
