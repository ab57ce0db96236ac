import { z } from "zod";
import { recordAudit } from "../audit";
import { recordId } from "../assessment/input";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError, InputError, parseInput } from "../errors";
import { assertEvidenceChangeable } from "../evidence/evidence-lock";
import { loadEvidenceResource } from "../evidence/evidence-resource";

// Moments of a professional discussion's recording that cover a criterion ("12:30 covers K4"),
// written by the discussion's author while the record may change (the candidate has not yet
// confirmed it): the same rule and the same lock as its details and files.

const MAX_SECONDS = 24 * 3600;

/** "12:30" (minutes may pass 59: "99:00"), "1:02:03" or "750" (seconds) to seconds; null when it is none of those. */
export function secondsOf(value: string): number | null {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const minutes = /^(\d+):([0-5]\d)$/.exec(text);
  if (minutes) return Number(minutes[1]) * 60 + Number(minutes[2]);
  const hours = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(text);
  if (hours) return Number(hours[1]) * 3600 + Number(hours[2]) * 60 + Number(hours[3]);
  return null;
}

export const AddMarkerInput = z.object({
  evidenceId: recordId("discussion"),
  criterionId: z
    .string({ error: "Choose the criterion this moment covers." })
    .trim()
    .min(1, "Choose the criterion this moment covers."),
  at: z
    .string({ error: "Enter where in the recording, for example 12:30." })
    .trim()
    .min(1, "Enter where in the recording, for example 12:30.")
    .transform((value, ctx) => {
      const seconds = secondsOf(value);
      if (seconds === null || seconds > MAX_SECONDS) {
        ctx.addIssue({
          code: "custom",
          message: "Enter the time as minutes and seconds (12:30) or hours, minutes and seconds (1:02:03).",
        });
        return z.NEVER;
      }
      return seconds;
    }),
  note: z.string().trim().max(500, "Keep the note to 500 characters or fewer.").default(""),
});
export type AddMarkerInput = z.input<typeof AddMarkerInput>;

export const RemoveMarkerInput = z.object({ markerId: recordId("marker") });

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The discussion's author, while it may change; anyone else is refused by the policy. */
async function requireAuthorOf(tx: Tx, actor: Actor, evidenceId: string, now: Date) {
  const resource = await loadEvidenceResource(tx, evidenceId);
  authorize(actor, "evidence.update", resource, now);
  if (resource.origin?.by !== "assessor")
    throw new AppError("Only a record an assessor made can have moments of its recording marked.");
  await assertEvidenceChangeable(tx, evidenceId);
  return resource;
}

/** Marks a moment of the recording as covering one of the criteria the record is mapped to. */
export async function addRecordingMarker(db: Db, actor: Actor, rawInput: AddMarkerInput, now: Date = new Date()) {
  const input = parseInput(AddMarkerInput, rawInput);
  return db.$transaction(async (tx) => {
    const resource = await requireAuthorOf(tx, actor, input.evidenceId, now);
    const mapped = await tx.mapping.count({ where: { evidenceId: input.evidenceId, criterionId: input.criterionId } });
    if (mapped === 0) throw InputError.forField("criterionId", "Choose one of the criteria this record is mapped to.");
    const marker = await tx.recordingMarker.create({
      data: {
        evidenceId: input.evidenceId,
        criterionId: input.criterionId,
        atSeconds: input.at,
        note: input.note || null,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: resource.centreId,
      action: "recording.mark",
      entityType: "RecordingMarker",
      entityId: marker.id,
      after: { evidenceId: input.evidenceId, criterionId: input.criterionId, atSeconds: input.at, note: input.note },
    });
    return marker;
  });
}

/** Removes a marker, on the same terms as adding one. */
export async function removeRecordingMarker(db: Db, actor: Actor, rawInput: { markerId: string }, now = new Date()) {
  const { markerId } = parseInput(RemoveMarkerInput, rawInput);
  return db.$transaction(async (tx) => {
    const marker = await tx.recordingMarker.findUnique({ where: { id: markerId } });
    if (!marker)
      throw new AppError("That marker has already been removed. Reload the page to see the record as it is.");
    const resource = await requireAuthorOf(tx, actor, marker.evidenceId, now);
    await tx.recordingMarker.delete({ where: { id: marker.id } });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: resource.centreId,
      action: "recording.unmark",
      entityType: "RecordingMarker",
      entityId: marker.id,
      before: {
        evidenceId: marker.evidenceId,
        criterionId: marker.criterionId,
        atSeconds: marker.atSeconds,
        note: marker.note,
      },
    });
    return { evidenceId: marker.evidenceId };
  });
}
