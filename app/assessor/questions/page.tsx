import type { Metadata } from "next";
import { DoneBanner, firstParam, pageNumber } from "@/components/assessment/page-parts";
import { AddQuestionForm } from "@/components/questioning/add-question-form";
import { RetireQuestionForm } from "@/components/questioning/retire-question-form";
import { FilterBar, FilterSelect } from "@/components/ui/filters";
import { PageHeader } from "@/components/ui/page-header";
import { PagedList } from "@/components/ui/pagination";
import { Refusal } from "@/components/ui/refusal";
import { Section } from "@/components/ui/section";
import { StatusTag } from "@/components/ui/status-tag";
import { panelClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { centreForRole } from "@/lib/enrolments/acting-centre";
import { formatDate } from "@/lib/format/date";
import { timeZoneOf } from "@/lib/format/time-zone";
import { listQuestionBank, type BankQuestion } from "@/lib/questioning/bank";
import { bankCriteria, bankUnits, type BankUnit } from "@/lib/questioning/bank-options";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Question bank" };

const doneMessages: Record<string, string> = {
  added: "Question added to the bank. Set it for a candidate from their Questions page.",
  retired: "Question retired. It is no longer offered to set; answers already given to it stay.",
};

function unitLabel(u: BankUnit, units: BankUnit[]): string {
  const versions = units.filter((other) => other.code === u.code).length;
  return `${u.code} — ${u.title}${versions > 1 ? ` (version ${u.versionNumber})` : ""}`;
}

function QuestionItem({ question, unitVersionId, tz }: { question: BankQuestion; unitVersionId: string; tz: string }) {
  return (
    <li id={`question-${question.id}`} className={panelClass}>
      <p className="font-medium whitespace-pre-line">{question.text}</p>
      <p className="text-sm">
        {question.retiredAt ? (
          <StatusTag tone="ended">Retired {formatDate(question.retiredAt, tz)}</StatusTag>
        ) : (
          <StatusTag tone="positive">In use</StatusTag>
        )}{" "}
        Added by {question.createdBy} on {formatDate(question.createdAt, tz)} · set for {question.setCount}{" "}
        {question.setCount === 1 ? "candidate" : "candidates"}
      </p>
      <div className="text-sm">
        <p className="font-medium">Covers</p>
        <ul className="list-disc pl-5">
          {question.criteria.map((c) => (
            <li key={c.id}>
              <span className="font-mono font-semibold">{c.label}</span> {c.text}
            </li>
          ))}
        </ul>
      </div>
      {question.guidance ? (
        <div className="text-sm">
          <p className="font-medium">Guidance for the assessor</p>
          <p className="whitespace-pre-line">{question.guidance}</p>
        </div>
      ) : null}
      {question.retiredAt ? null : <RetireQuestionForm unitVersionId={unitVersionId} questionId={question.id} />}
    </li>
  );
}

export default async function QuestionBankPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const centre = centreForRole(actor, "ASSESSOR");
  if (!centre)
    return (
      <Refusal title="Question bank" message="Switch to your assessor role to keep your centre's question bank." />
    );
  const query = await searchParams;
  const units = await bankUnits(db);
  const unit = units.find((u) => u.id === firstParam(query.unit));
  const done = firstParam(query.done);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Question bank"
        lead={`Questions ${centre.centreName}'s assessors set for candidates, by unit. Guidance is for assessors only: candidates see the question and never the guidance.`}
      />
      <DoneBanner message={done ? (doneMessages[done] ?? null) : null} />
      <FilterBar action="/assessor/questions" label="Choose a unit" submitLabel="Show questions">
        <FilterSelect
          id="bank-unit"
          name="unit"
          label="Unit"
          value={unit?.id}
          anyLabel="Choose a unit"
          choices={units.map((u) => ({ value: u.id, label: unitLabel(u, units) }))}
        />
      </FilterBar>
      {unit ? <UnitBank unit={unit} centreId={centre.centreId} page={pageNumber(query.page)} /> : null}
    </div>
  );
}

async function UnitBank({ unit, centreId, page }: { unit: BankUnit; centreId: string; page: number }) {
  const actor = await requireActor();
  const [list, groups, centre] = await Promise.all([
    listQuestionBank(db, actor, { centreId, unitVersionId: unit.id, page }),
    bankCriteria(db, unit.id),
    db.centre.findUnique({ where: { id: centreId }, select: { timeZone: true } }),
  ]);
  const tz = timeZoneOf(centre);
  return (
    <>
      <Section id="bank-title" title={`Questions for ${unit.code}`}>
        <PagedList
          list={list}
          basePath="/assessor/questions"
          query={{ unit: unit.id }}
          noun="questions"
          empty={`No questions for ${unit.code} yet. Add the first one below.`}
        >
          <ul className="space-y-3">
            {list.items.map((q) => (
              <QuestionItem key={q.id} question={q} unitVersionId={unit.id} tz={tz} />
            ))}
          </ul>
        </PagedList>
      </Section>
      <section className={panelClass}>
        <AddQuestionForm unitVersionId={unit.id} groups={groups} />
      </section>
    </>
  );
}
