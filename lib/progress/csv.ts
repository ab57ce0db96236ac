import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { calendarDateIn } from "../format/date";
import { normalizeListFilters, queryProgressRows, type ListInput } from "./candidate-list";
import { defaultDirection, scopeOf, type ProgressContext } from "./filters";
import { progressColumns, progressRowText } from "./format";
import { centreForDashboard } from "./measures";

// The candidate list as CSV, streamed: the header, then the filtered, sorted list a page of
// rows at a time, so memory stays flat however long the list is. Cells are the list's own text
// (lib/progress/format.ts); dates are in the centre's time zone.

export const EXPORT_PAGE_SIZE = 1000;

/** One CSV field: quoted when needed; a leading = + - @ (or tab/CR) is defused for spreadsheets. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export const csvHeader = csvLine(progressColumns);

export type ProgressExport = { filename: string; stream: ReadableStream<Uint8Array> };

/**
 * Authorizes, then returns a stream of the CSV. Every page is computed at the same instant, so
 * RAG states do not shift while the file is written.
 */
export async function exportProgressCsv(
  db: Db,
  actor: Actor,
  input: ListInput,
  ctx: ProgressContext,
  { pageSize = EXPORT_PAGE_SIZE }: { pageSize?: number } = {},
): Promise<ProgressExport> {
  const now = ctx.now ?? new Date();
  const centre = await centreForDashboard(db, actor, input.centreId);
  const filters = normalizeListFilters(input);
  const base = {
    scope: scopeOf(centre.id, filters, centre.timeZone),
    rag: filters.rag,
    sort: filters.sort,
    dir: filters.dir ?? defaultDirection[filters.sort],
    limit: pageSize,
    now,
  };
  const encoder = new TextEncoder();
  let offset = 0;
  let started = false;

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // The byte-order mark makes spreadsheet programs read the file as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${csvHeader}`));
        return;
      }
      const { rows } = await queryProgressRows(db, ctx, { ...base, offset });
      if (rows.length > 0) {
        const text = rows
          .map((row) => {
            const cells = progressRowText(row, centre.timeZone);
            return csvLine(progressColumns.map((column) => cells[column]));
          })
          .join("");
        controller.enqueue(encoder.encode(text));
      }
      offset += rows.length;
      if (rows.length < pageSize) controller.close();
    },
  });

  const slug =
    centre.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "centre";
  return { filename: `progress-${slug}-${calendarDateIn(now, centre.timeZone)}.csv`, stream };
}
