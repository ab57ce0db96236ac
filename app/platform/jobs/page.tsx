import type { Metadata } from "next";
import Link from "next/link";
import { RetryJobButton } from "@/components/platform/retry-job-button";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { CountedPagination } from "@/components/ui/pagination";
import { Refusal } from "@/components/ui/refusal";
import { linkClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { JOBS_PAGE_SIZE, listJobs, type JobRow } from "@/lib/jobs/admin";
import { jobStatuses, type JobStatus } from "@/lib/jobs/definitions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Background jobs" };

type SearchParams = Record<string, string | string[] | undefined>;

const statusWords: Record<JobStatus, string> = {
  failed: "Failed",
  queued: "Waiting",
  running: "Running",
  succeeded: "Done",
};

function when(date: Date | null): React.ReactNode {
  return date ? <time dateTime={date.toISOString()}>{date.toISOString().replace("T", " ").slice(0, 19)} UTC</time> : "";
}

function columns(status: JobStatus) {
  return [
    { header: "Job", rowHeader: true, cell: (job: JobRow) => job.name },
    { header: "Input", cell: (job: JobRow) => <code className="break-all text-xs">{job.payload}</code> },
    { header: "Attempts", cell: (job: JobRow) => `${job.attempts} of ${job.maxAttempts}` },
    {
      header: status === "queued" ? "Runs after" : "Last change",
      cell: (job: JobRow) => when(status === "queued" ? job.runAfter : job.updatedAt),
    },
    { header: "Last error", cell: (job: JobRow) => job.lastError ?? "None" },
    ...(status === "failed"
      ? [{ header: "Action", cell: (job: JobRow) => <RetryJobButton jobId={job.id} name={job.name} /> }]
      : []),
  ];
}

/** Platform admins: the background jobs (lib/jobs), failed ones first, each with its error and Retry. */
export default async function PlatformJobsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  if (!can(actor, "job.list", { kind: "job" })) {
    return (
      <Refusal
        title="Background jobs"
        message="Only platform administrators can see the background jobs."
        linkClassName={linkClass}
      />
    );
  }
  const params = await searchParams;
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const status = jobStatuses.find((s) => s === one(params.status)) ?? "failed";
  const list = await listJobs(db, actor, { status, page: one(params.page) });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Background jobs"
        lead="Mail delivery, notification emails and the daily upload sweep run in the background, retried with growing waits. A job that still fails after its last attempt stops here with its error: fix the cause (the mail server, say), then retry it."
      />
      <nav aria-label="Jobs by status">
        <ul className="flex flex-wrap gap-4">
          {jobStatuses.map((s) => (
            <li key={s}>
              <Link
                href={s === "failed" ? "/platform/jobs" : `/platform/jobs?status=${s}`}
                aria-current={s === status ? "page" : undefined}
                className={s === status ? "font-semibold" : linkClass}
              >
                {statusWords[s]} ({list.counts[s]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <DataTable
        caption={`${statusWords[status]} jobs (${list.total}), latest first`}
        rows={list.jobs}
        rowKey={(job) => job.id}
        empty={status === "failed" ? "No job has failed." : "There are none."}
        columns={columns(status)}
      />
      <CountedPagination
        list={{ page: list.page, pageCount: list.pageCount, total: list.total, pageSize: JOBS_PAGE_SIZE }}
        basePath="/platform/jobs"
        query={{ status: status === "failed" ? undefined : status }}
        noun="jobs"
      />
    </div>
  );
}
