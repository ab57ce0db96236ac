"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "../db";
import { text } from "../forms/fields";
import { addRecordingMarker, removeRecordingMarker } from "../observation/recording-markers";
import { formAction } from "./form-action";

// Marking moments of a discussion's recording, from the record's own page.

const recordPage = (evidenceId: string) => `/assessor/observations/${encodeURIComponent(evidenceId)}`;

const add = formAction({
  schema: z.object({ evidenceId: text(), criterionId: text(), at: text(), note: text() }),
  run: (input, actor) => addRecordingMarker(db, actor, input),
  done: (_, input) => {
    revalidatePath(recordPage(input.evidenceId));
    redirect(`${recordPage(input.evidenceId)}?done=marked#recording-markers`);
  },
});

const remove = formAction({
  schema: z.object({ markerId: text() }),
  run: (input, actor) => removeRecordingMarker(db, actor, input),
  done: ({ evidenceId }) => {
    revalidatePath(recordPage(evidenceId));
    redirect(`${recordPage(evidenceId)}?done=unmarked#recording-markers`);
  },
});

export async function addRecordingMarkerAction(...form: Parameters<typeof add>) {
  return add(...form);
}
export async function removeRecordingMarkerAction(...form: Parameters<typeof remove>) {
  return remove(...form);
}
