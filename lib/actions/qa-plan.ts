"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { actingCentreId } from "../people/acting-centre";
import { addDecisionToPlan, proposeSample, removePlanItem } from "../qa/plans";
import { formAction } from "./form-action";

// The sampling plan forms: propose a sample (then the new plan's page), add a decision by hand
// and remove an item (then the plan again, saying what was done).

const planPage = (planId: string) => `/iqa/plans/${encodeURIComponent(planId)}`;

const propose = formAction({
  schema: textFields("title", "firstDay", "lastDay", "seed"),
  run: async (input, actor) => proposeSample(db, actor, { ...input, centreId: actingCentreId(actor, "qa.createPlan") }),
  done: ({ planId }) => {
    revalidatePath("/iqa/plans");
    redirect(`${planPage(planId)}?done=proposed`);
  },
});

export async function proposeSampleAction(...form: Parameters<typeof propose>) {
  return propose(...form);
}

const add = formAction({
  schema: textFields("planId", "decisionId"),
  run: async (input, actor) => addDecisionToPlan(db, actor, input),
  done: ({ planId }) => {
    revalidatePath(planPage(planId), "layout");
    redirect(`${planPage(planId)}?done=added#items-title`);
  },
});

export async function addToPlanAction(...form: Parameters<typeof add>) {
  return add(...form);
}

const remove = formAction({
  schema: textFields("planId", "itemId"),
  run: async (input, actor) => {
    await removePlanItem(db, actor, input);
  },
  done: (_, input) => {
    revalidatePath(planPage(input.planId), "layout");
    redirect(`${planPage(input.planId)}?done=removed#items-title`);
  },
});

export async function removePlanItemAction(...form: Parameters<typeof remove>) {
  return remove(...form);
}
