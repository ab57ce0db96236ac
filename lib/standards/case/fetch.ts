import { z } from "zod";

// Reading a CASE framework from another provider: GET {base}/ims/case/v1p0/CFPackages/{id}
// (ADR 0022). Only http(s), with a timeout and a size cap, so a wrong or hostile address cannot
// hang the import or fill the memory; every failure is one line saying what to do.

export class CaseFetchError extends Error {
  override name = "CaseFetchError";
}

export const CaseFetchOptions = z.object({
  /** How long the whole request may take, body included. */
  timeoutMs: z.number().int().positive().default(30_000),
  /** The largest body read, in bytes (a large framework is a few MB). */
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
});
export type CaseFetchOptions = z.input<typeof CaseFetchOptions>;

/** Whether the argument names a URL rather than a file ("scheme://..."). */
export const looksLikeUrl = (source: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(source);

function parseHttpUrl(source: string): URL {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new CaseFetchError(`${source} is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new CaseFetchError(
      `Only http and https URLs can be read, not ${url.protocol.slice(0, -1)}: give a CASE provider's .../ims/case/v1p0/CFPackages/{id} URL or a file.`,
    );
  return url;
}

/** The body, read chunk by chunk and refused as soon as it passes the cap. */
async function readCapped(response: Response, url: URL, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  const tooLarge = () =>
    new CaseFetchError(`${url.href} sent more than ${maxBytes} bytes; not a framework this import reads.`);
  if (declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
    size += next.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(next.value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

function explain(error: unknown, url: URL, timeoutMs: number): CaseFetchError {
  if (error instanceof CaseFetchError) return error;
  const name = (error as { name?: string }).name;
  if (name === "TimeoutError" || name === "AbortError")
    return new CaseFetchError(`${url.href} did not answer within ${timeoutMs / 1000} s; try again later.`);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return new CaseFetchError(
    `Cannot read ${url.href}: ${cause?.code ?? cause?.message ?? (error as Error).message ?? String(error)}.`,
  );
}

/** GETs the URL and parses its JSON: a CFPackage, for the importer to check. */
export async function fetchCasePackage(source: string, options: CaseFetchOptions = {}): Promise<unknown> {
  const { timeoutMs, maxBytes } = CaseFetchOptions.parse(options);
  const url = parseHttpUrl(source);
  let text: string;
  try {
    const response = await fetch(url, {
      headers: { accept: "application/json" },
      redirect: "follow",
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok)
      throw new CaseFetchError(
        `${url.href} answered ${response.status} ${response.statusText}: check the URL (.../ims/case/v1p0/CFPackages/{id}).`,
      );
    text = await readCapped(response, url, maxBytes);
  } catch (error) {
    throw explain(error, url, timeoutMs);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CaseFetchError(`${url.href} did not send JSON; a CASE provider's CFPackages/{id} sends a CFPackage.`);
  }
}
