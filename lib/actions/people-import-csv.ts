"use server";

import { revalidatePath } from "next/cache";
import { requireActor } from "../auth/session";
import { db } from "../db";
import { CSV_MAX_BYTES, importCandidatesCsv, type ImportReport } from "../people/import-candidates-csv";
import { deliverAfterCommit, failureOf, publicBaseUrl, type Failure } from "./people-common";

export type ImportCsvState = { submission: number; fileName: string; result: { ok: true; report: Omit<ImportReport, "outboxMessageIds"> } | Failure } | null;

/** Adds the candidates of an uploaded CSV file (at most 1 MB) to the admin's centre, all or nothing. */
export async function importCandidatesCsvAction(previous: ImportCsvState, formData: FormData): Promise<ImportCsvState> {
  const actor = await requireActor();
  const submission = (previous?.submission ?? 0) + 1;
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return { submission, fileName: "", result: { ok: false, message: "Choose a CSV file to upload.", fieldErrors: { file: ["Choose a CSV file to upload."] } } };
  }
  const fileName = file.name.slice(0, 200);
  if (file.size > CSV_MAX_BYTES) {
    const message = "The file is larger than 1 MB. Split it into smaller files and import each one.";
    return { submission, fileName, result: { ok: false, message, fieldErrors: { file: [message] } } };
  }
  try {
    const { outboxMessageIds, ...report } = await importCandidatesCsv(db, actor, { text: await file.text(), sizeBytes: file.size }, { baseUrl: await publicBaseUrl() });
    if (report.imported) {
      await deliverAfterCommit(outboxMessageIds);
      revalidatePath("/admin", "layout");
    }
    return { submission, fileName, result: { ok: true, report } };
  } catch (error) {
    return { submission, fileName, result: failureOf(error) };
  }
}
