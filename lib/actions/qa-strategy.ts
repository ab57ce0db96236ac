"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "../db";
import { textFields } from "../forms/fields";
import { actingCentreId } from "../people/acting-centre";
import { saveSamplingStrategy, setAssessorRiskLevel } from "../qa/strategy";
import { formAction } from "./form-action";

// The strategy page's forms. The strategy is the centre the IQA is acting in (the header's role
// switcher); the domain functions check the policy for it.

const strategyPage = "/iqa/strategy";

const save = formAction({
  schema: textFields("newRate", "standardRate", "lowRate", "text"),
  run: async (input, actor) => {
    await saveSamplingStrategy(db, actor, { ...input, centreId: actingCentreId(actor, "qa.manageStrategy") });
  },
  done: () => {
    revalidatePath(strategyPage);
    redirect(`${strategyPage}?done=saved#rates-title`);
  },
});

export async function saveStrategyAction(...form: Parameters<typeof save>) {
  return save(...form);
}

const setLevel = formAction({
  schema: textFields("assessorId", "level", "ratePercent", "unitCode", "reason"),
  run: async (input, actor) => {
    await setAssessorRiskLevel(db, actor, { ...input, centreId: actingCentreId(actor, "qa.manageStrategy") });
    return input.assessorId;
  },
  done: (assessorId) => {
    revalidatePath(strategyPage);
    redirect(`${strategyPage}?done=level#assessor-${encodeURIComponent(assessorId)}`);
  },
});

export async function setRiskLevelAction(...form: Parameters<typeof setLevel>) {
  return setLevel(...form);
}
