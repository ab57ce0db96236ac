"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { Choice, FieldSet, TextAreaField } from "@/components/ui/field";
import { addQuestionAction } from "@/lib/actions/question-bank";
import { errorsFor, valueOf, valuesOf } from "@/lib/forms/form-state";
import type { BankCriterionGroup } from "@/lib/questioning/bank-options";
import { questionLimits } from "@/lib/questioning/schemas";

/** Adds a question to the bank of one unit version, with the criteria it covers ticked from the unit's own words. */
export function AddQuestionForm({ unitVersionId, groups }: { unitVersionId: string; groups: BankCriterionGroup[] }) {
  const [state, action, pending] = useActionState(addQuestionAction, null);
  const ticked = new Set(valuesOf(state, "criterionIds"));
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="space-y-4" aria-labelledby="add-title">
      <h2 id="add-title" className="text-xl font-semibold">
        Add a question
      </h2>
      <FormProblem
        state={state}
        fieldIds={{ text: "question-text", criterionIds: "question-criteria", guidance: "question-guidance" }}
      />
      <input type="hidden" name="unitVersionId" value={unitVersionId} />
      <TextAreaField
        id="question-text"
        name="text"
        label="Question"
        hint="As the candidate will read it."
        required
        rows={3}
        maxLength={questionLimits.text}
        defaultValue={valueOf(state, "text")}
        errors={errorsFor(state, "text")}
        className=""
      />
      <FieldSet
        id="question-criteria"
        legend="Criteria a satisfactory answer proves"
        hint="Tick each criterion the answer covers. A satisfactory answer becomes accepted evidence for each."
        errors={errorsFor(state, "criterionIds")}
      >
        {groups.map((group) => (
          <div key={group.id} className="space-y-1">
            <p className="font-medium">{group.title}</p>
            {group.criteria.map((c) => (
              <Choice
                key={c.id}
                id={`question-criterion-${c.id}`}
                name="criterionIds"
                value={c.id}
                defaultChecked={ticked.has(c.id)}
                label={
                  <>
                    <span className="font-mono font-semibold">{c.label}</span> {c.text}
                  </>
                }
              />
            ))}
          </div>
        ))}
      </FieldSet>
      <TextAreaField
        id="question-guidance"
        name="guidance"
        label="Guidance for the assessor (optional)"
        hint="What a satisfactory answer includes, or a model answer. Assessors see it when marking; candidates never do."
        rows={4}
        maxLength={questionLimits.guidance}
        defaultValue={valueOf(state, "guidance")}
        errors={errorsFor(state, "guidance")}
        className=""
      />
      <SubmitButton pending={pending} label="Add question" pendingLabel="Adding…" />
    </form>
  );
}
