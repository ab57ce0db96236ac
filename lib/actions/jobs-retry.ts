"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "../db";
import { text } from "../forms/fields";
import { retryJob } from "../jobs/admin";
import { wakeJobWorker } from "../jobs/runtime";
import { formAction } from "./form-action";

/** Platform admins: run a failed background job again, with all its attempts (/platform/jobs). */
const retry = formAction({
  schema: z.object({ jobId: text(100) }),
  run: async (input, actor) => {
    const job = await retryJob(db, actor, input);
    wakeJobWorker();
    return job;
  },
  done: (job) => {
    revalidatePath("/platform/jobs");
    return `The ${job.name} job is queued again; it runs within seconds on a server that runs jobs.`;
  },
});

export async function retryJobAction(...form: Parameters<typeof retry>) {
  return retry(...form);
}
