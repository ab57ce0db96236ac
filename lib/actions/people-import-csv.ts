"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { InputError } from "../errors";
import { file } from "../forms/fields";
import { CSV_MAX_BYTES, importCandidatesCsv, type ImportReport } from "../people/import-candidates-csv";
import { formAction } from "./form-action";
import { deliverAfterCommit, publicBaseUrl } from "./people-common";

/** What the form reports: the file's name and what happened to each row. */
export type ImportOutcome = { fileName: string; report: Omit<ImportReport, "outboxMessageIds"> };

/** Adds the candidates of an uploaded CSV file (at most 1 MB) to the admin's centre, all or nothing. */
const importCsv = formAction({
  schema: z.object({ file: file() }),
  run: async (input, actor): Promise<ImportOutcome> => {
    const chosen = input.file;
    if (!chosen) throw InputError.forField("file", "Choose a CSV file to upload.");
    if (chosen.size > CSV_MAX_BYTES)
      throw InputError.forField(
        "file",
        "The file is larger than 1 MB. Split it into smaller files and import each one.",
      );
    const { outboxMessageIds, ...report } = await importCandidatesCsv(
      db,
      actor,
      { text: await chosen.text(), sizeBytes: chosen.size },
      { baseUrl: await publicBaseUrl() },
    );
    if (report.imported) await deliverAfterCommit(outboxMessageIds);
    return { fileName: chosen.name.slice(0, 200), report };
  },
  done: ({ report }) => {
    if (report.imported) revalidatePath("/admin", "layout");
    return undefined;
  },
});

export async function importCandidatesCsvAction(...form: Parameters<typeof importCsv>) {
  return importCsv(...form);
}
