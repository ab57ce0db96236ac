import type { Db } from "../db/client";
import type { JobName, JobPayload } from "./definitions";
import { enqueue } from "./queue";

/**
 * A job enqueued once a day. Its singletonKey names the day, so however many servers run
 * workers, and however often they look, each day gets one job.
 */
export type Schedule = {
  name: JobName;
  /** When in the day (UTC) it becomes due, e.g. 3 for 03:00. */
  hourUtc: number;
};

export const dailySchedules: ReadonlyArray<Schedule> = [
  { name: "uploads.sweep", hourUtc: 3 },
  { name: "jobs.prune", hourUtc: 4 },
  { name: "notify.digest", hourUtc: 7 },
];

/** The UTC day a time falls in, YYYY-MM-DD. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function scheduleKey(name: JobName, day: string): string {
  return `${name}:${day}`;
}

// The last day each schedule was enqueued by this process, so a poll costs nothing most of the time.
const enqueuedDays = new WeakMap<ReadonlyArray<Schedule>, Map<JobName, string>>();

/** Enqueues each schedule's job for today unless this process has already; idempotent across processes. */
export async function enqueueDue(
  db: Pick<Db, "$queryRaw">,
  schedules: ReadonlyArray<Schedule>,
  now: Date,
): Promise<void> {
  const seen = enqueuedDays.get(schedules) ?? new Map<JobName, string>();
  enqueuedDays.set(schedules, seen);
  const day = utcDay(now);
  for (const schedule of schedules) {
    if (seen.get(schedule.name) === day) continue;
    const runAfter = new Date(`${day}T${String(schedule.hourUtc).padStart(2, "0")}:00:00.000Z`);
    const payload = { day } as JobPayload<typeof schedule.name>;
    await enqueue(db, schedule.name, payload, { singletonKey: scheduleKey(schedule.name, day), runAfter, now });
    seen.set(schedule.name, day);
  }
}
