import Papa from "papaparse";

/** Splits CSV text (as the app's exports write it: optional BOM, CRLF rows) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const { data, errors } = Papa.parse<string[]>(body, { delimiter: ",", newline: "\r\n" });
  if (errors.length > 0) throw new Error(`not valid CSV: ${errors.map((e) => e.message).join("; ")}`);
  // A file ending with a line break has no row after it.
  const last = data.at(-1);
  if (last && last.length === 1 && last[0] === "") data.pop();
  return data;
}
