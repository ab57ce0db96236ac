import type { Metadata } from "next";
import Link from "next/link";
import { firstParam, pageNumber, Time } from "@/components/assessment/page-parts";
import { Pagination } from "@/components/ui/pagination";
import { Refusal } from "@/components/ui/refusal";
import { DataTable } from "@/components/ui/data-table";
import { SelectField } from "@/components/ui/field";
import { FilterBar } from "@/components/ui/filters";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { emptyClass, linkClass } from "@/components/ui/styles";
import { listQueue } from "@/lib/assessment/queue";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listRoleEnrolments } from "@/lib/enrolments/list-role-enrolments";
import { formatDate } from "@/lib/format/date";
import { resubmittedLabel } from "@/lib/mapping/status-words";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review queue" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// long-function: the review queue read top to bottom: the refusal, the unit and candidate filters, the waiting-evidence table with its pager, and the units you assess; the table, filters and pager are components, what remains is their columns, texts and order
export default async function ReviewQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  if (!actor.memberships.some((m) => m.role === "ASSESSOR")) {
    return (
      <Refusal
        title="Review queue"
        message="This page is for assessors, and you do not hold the assessor role at any centre. If you should, ask your centre admin."
        linkClassName={linkClass}
      />
    );
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
      <PageHeader
        title="Review queue"
        lead="Evidence your candidates have submitted and that is waiting for you to accept or refer back, the longest-waiting first."
      />

      <FilterBar
        action="/assessor/queue"
        label="Filter the queue"
        submitLabel="Filter"
        clear={filtered ? { href: "/assessor/queue", label: "Clear filters" } : undefined}
      >
        <SelectField id="queue-unit" name="unit" label="Unit" defaultValue={unitCode ?? ""} className="">
          <option value="">All units</option>
          {queue.filterOptions.units.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="queue-candidate"
          name="candidate"
          label="Candidate"
          defaultValue={candidateId ?? ""}
          className=""
        >
          <option value="">All candidates</option>
          {queue.filterOptions.candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </FilterBar>

      {queue.total === 0 ? (
        <p className={emptyClass}>
          {filtered
            ? "Nothing waiting for your review matches these filters. Clear the filters to see everything."
            : "Nothing is waiting for your review. When a candidate submits evidence, it appears here."}
        </p>
      ) : (
        <div className="space-y-3">
          <p>
            {queue.total === 1 ? "1 evidence item is" : `${queue.total} evidence items are`} waiting
            {filtered ? " (filtered)" : ""}.
          </p>
          <DataTable
            caption="Evidence waiting for review, oldest submission first"
            rows={queue.items}
            rowKey={(item) => item.evidenceId}
            columns={[
              {
                header: "Evidence",
                rowHeader: true,
                className: "font-normal",
                cell: (item) => (
                  <>
                    <Link href={`/assessor/review/${item.evidenceId}`} className={`${linkClass} font-medium`}>
                      {item.title}
                    </Link>
                    {item.round > 1 ? (
                      <span className="block text-slate-700">{resubmittedLabel(item.round)}</span>
                    ) : null}
                  </>
                ),
              },
              { header: "Candidate", cell: (item) => item.candidate.name },
              { header: "Units", cell: (item) => item.units.join(", ") },
              { header: "Mappings to review", cell: (item) => item.waitingMappings },
              {
                header: "Submitted",
                cell: (item) => <Time date={item.submittedAt}>{formatDate(item.submittedAt, item.timeZone)}</Time>,
              },
              { header: "Waited", cell: (item) => item.waited },
            ]}
          />
          <Pagination
            page={queue.page}
            pageCount={queue.pageCount}
            href={href}
            label="Queue pages"
            linkClassName={linkClass}
          />
        </div>
      )}

      <Section id="assessed-units" title="Units you assess">
        {enrolments.total === 0 ? (
          <p>No candidate is enrolled with you as assessor yet.</p>
        ) : (
          <>
            <p className="text-slate-700">
              Open a unit to sign criteria, confirm evidence requirements and sign the unit off.
            </p>
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
      </Section>
    </div>
  );
}
