"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actingCentreId } from "../people/acting-centre";
import { addQuestion, retireQuestion } from "../questioning/bank";
import { db } from "../db";
import { text, texts } from "../forms/fields";
import { formAction } from "./form-action";

// The question bank page's forms. The bank is the centre the assessor is acting in (the
// header's role switcher); addQuestion and retireQuestion check the policy for it.

function bankPage(unitVersionId: string, done: string): string {
  return `/assessor/questions?unit=${encodeURIComponent(unitVersionId)}&done=${done}`;
}

const add = formAction({
  schema: z.object({ unitVersionId: text(), text: text(), criterionIds: texts(), guidance: text() }),
  run: async (input, actor) => {
    await addQuestion(db, actor, { ...input, centreId: actingCentreId(actor, "question.manage") });
  },
  done: (_, input) => {
    revalidatePath("/assessor/questions");
    redirect(`${bankPage(input.unitVersionId, "added")}#bank-title`);
  },
});

export async function addQuestionAction(...form: Parameters<typeof add>) {
  return add(...form);
}

const retire = formAction({
  schema: z.object({ unitVersionId: text(), questionId: text() }),
  run: async (input, actor) => {
    await retireQuestion(db, actor, { questionId: input.questionId });
  },
  done: (_, input) => {
    revalidatePath("/assessor/questions");
    redirect(`${bankPage(input.unitVersionId, "retired")}#question-${encodeURIComponent(input.questionId)}`);
  },
});

export async function retireQuestionAction(...form: Parameters<typeof retire>) {
  return retire(...form);
}
