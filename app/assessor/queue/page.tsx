import type { Metadata } from "next";
import Link from "next/link";
import { firstParam, pageNumber, Time } from "@/components/assessment/page-parts";
import { Pagination } from "@/components/ui/pagination";
import { Refusal } from "@/components/ui/refusal";
import { cellClass, linkClass, primaryButtonClass, tableClass } from "@/components/assessment/styles";
import { listQueue } from "@/lib/assessment/queue";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listRoleEnrolments } from "@/lib/enrolments/list-role-enrolments";
import { formatDate } from "@/lib/format/date";
import { resubmittedLabel } from "@/lib/mapping/status-words";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review queue" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ReviewQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!actor.memberships.some((m) => m.role === "ASSESSOR")) {
    return <Refusal title="Review queue" message="This page is for assessors, and you do not hold the assessor role at any centre. If you should, ask your centre admin." linkClassName={linkClass} />;
  }
  const params = await searchParams;
  const unitCode = firstParam(params.unit)?.trim() || null;
  const candidateId = firstParam(params.candidate)?.trim() || null;
  const [queue, enrolments] = await Promise.all([
    listQueue(db, actor, { unitCode, candidateId, page: pageNumber(params.page) }),
    listRoleEnrolments(db, actor, "ASSESSOR", { page: 1 }),
  ]);
  const filtered = unitCode !== null || candidateId !== null;
  const href = (page: number) => {
    const query = new URLSearchParams();
    if (unitCode) query.set("unit", unitCode);
    if (candidateId) query.set("candidate", candidateId);
    if (page > 1) query.set("page", String(page));
    const text = query.toString();
    return text ? `/assessor/queue?${text}` : "/assessor/queue";
  };

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Review queue</h1>
        <p className="max-w-3xl text-slate-700">
          Evidence your candidates have submitted and that is waiting for you to accept or refer back, the longest-waiting first.
        </p>
      </div>

      <form method="get" action="/assessor/queue" className="flex flex-wrap items-end gap-4 rounded border border-slate-300 bg-white p-4" aria-label="Filter the queue">
        <div>
          <label htmlFor="queue-unit" className="block font-medium">
            Unit
          </label>
          <select id="queue-unit" name="unit" defaultValue={unitCode ?? ""} className="mt-1 rounded border border-slate-500 bg-white px-3 py-2">
            <option value="">All units</option>
            {queue.filterOptions.units.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="queue-candidate" className="block font-medium">
            Candidate
          </label>
          <select id="queue-candidate" name="candidate" defaultValue={candidateId ?? ""} className="mt-1 rounded border border-slate-500 bg-white px-3 py-2">
            <option value="">All candidates</option>
            {queue.filterOptions.candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={primaryButtonClass}>
          Filter
        </button>
        {filtered ? (
          <Link href="/assessor/queue" className={linkClass}>
            Clear filters
          </Link>
        ) : null}
      </form>

      {queue.total === 0 ? (
        <p className="rounded border border-slate-300 bg-white p-4">
          {filtered ? "Nothing waiting for your review matches these filters. Clear the filters to see everything." : "Nothing is waiting for your review. When a candidate submits evidence, it appears here."}
        </p>
      ) : (
        <div className="space-y-3">
          <p>
            {queue.total === 1 ? "1 evidence item is" : `${queue.total} evidence items are`} waiting{filtered ? " (filtered)" : ""}.
          </p>
          <div className="overflow-x-auto">
            <table className={tableClass}>
              <caption className="mb-2 text-left font-semibold">Evidence waiting for review, oldest submission first</caption>
              <thead>
                <tr className="border-b-2 border-slate-400">
                  <th scope="col" className={cellClass}>
                    Evidence
                  </th>
                  <th scope="col" className={cellClass}>
                    Candidate
                  </th>
                  <th scope="col" className={cellClass}>
                    Units
                  </th>
                  <th scope="col" className={cellClass}>
                    Mappings to review
                  </th>
                  <th scope="col" className={cellClass}>
                    Submitted
                  </th>
                  <th scope="col" className={cellClass}>
                    Waited
                  </th>
                </tr>
              </thead>
              <tbody>
                {queue.items.map((item) => (
                  <tr key={item.evidenceId} className="border-b border-slate-200">
                    <th scope="row" className={`${cellClass} font-normal`}>
                      <Link href={`/assessor/review/${item.evidenceId}`} className={`${linkClass} font-medium`}>
                        {item.title}
                      </Link>
                      {item.round > 1 ? <span className="block text-slate-700">{resubmittedLabel(item.round)}</span> : null}
                    </th>
                    <td className={cellClass}>{item.candidate.name}</td>
                    <td className={cellClass}>{item.units.join(", ")}</td>
                    <td className={cellClass}>{item.waitingMappings}</td>
                    <td className={cellClass}>
                      <Time date={item.submittedAt}>{formatDate(item.submittedAt, item.timeZone)}</Time>
                    </td>
                    <td className={cellClass}>{item.waited}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={queue.page} pageCount={queue.pageCount} href={href} label="Queue pages" linkClassName={linkClass} />
        </div>
      )}

      <section aria-labelledby="assessed-units" className="space-y-3">
        <h2 id="assessed-units" className="text-xl font-semibold">
          Units you assess
        </h2>
        {enrolments.total === 0 ? (
          <p>No candidate is enrolled with you as assessor yet.</p>
        ) : (
          <>
            <p className="text-slate-700">Open a unit to sign criteria, confirm evidence requirements and sign the unit off.</p>
            <ul className="space-y-1">
              {enrolments.items.map((e) => (
                <li key={e.id}>
                  <Link href={`/assessor/enrolments/${e.id}`} className={linkClass}>
                    {e.candidate.name}, {e.unit.code}
                  </Link>{" "}
                  <span className="text-slate-700">
                    {e.unit.title}
                    {e.status !== "ACTIVE" ? ` (${e.status === "COMPLETED" ? "signed off" : "withdrawn"})` : ""}
                  </span>
                </li>
              ))}
            </ul>
            {enrolments.pageCount > 1 ? (
              <p>
                <Link href="/assessor" className={linkClass}>
                  See all {enrolments.total} of your candidates&apos; units
                </Link>
              </p>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
