import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { csvDownload, plainText as text } from "@/lib/http/downloads";
import { withRouteLog } from "@/lib/ops/log-route";
import { readIqaReport, readReportPeriod, reportCsv, reportScopeFor } from "@/lib/qa/report";

export const dynamic = "force-dynamic";

/** GET /api/iqa/report?from=&to= — the IQA report for the period as CSV (the IQA's own; a centre admin's, every IQA's). */
export const GET = withRouteLog("/api/iqa/report", async (request: Request): Promise<Response> => {
  const actor = await getActor();
  if (!actor) return text(401, "Sign in to download the IQA report.");
  const scope = reportScopeFor(actor);
  if (!scope) return text(403, "Only internal quality assurers and centre admins can download the IQA report.");
  const params = new URL(request.url).searchParams;
  const asked = { from: params.get("from"), to: params.get("to") };
  // Refused, not widened to the default period: a download has nowhere to show a notice. (What
  // is wrong with the dates does not depend on the centre's time zone; only the defaults do.)
  const { problems } = readReportPeriod(asked, "UTC");
  if (problems.length > 0)
    return text(400, `The report was not made: ${problems.join("; ")}. Correct the dates and download again.`);
  return csvDownload(async () => {
    const { report } = await readIqaReport(db, actor, scope, asked);
    // The byte-order mark makes spreadsheet programs read the file as UTF-8.
    const bytes = new TextEncoder().encode(`\uFEFF${reportCsv(report)}`);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    return { filename: `iqa-report-${report.period.from}-to-${report.period.to}.csv`, stream };
  });
});
