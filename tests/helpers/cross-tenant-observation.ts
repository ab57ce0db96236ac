import type { SessionActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { recordObservation } from "@/lib/observation/record-observation";
import { addRecordingMarker } from "@/lib/observation/recording-markers";

// An observation in the cross-tenant target (Cara's CS34), recorded by her assessor Asha and not
// yet answered: the candidate could confirm or dispute it, its author could still correct it.
// A professional discussion beside it, with a moment of its recording marked: Asha could add or
// remove markers.

export async function observationFixture(db: Db, asha: SessionActor, enrolmentId: string, criterionId: string) {
  const { id } = await recordObservation(db, asha, {
    title: "Morning briefing",
    activityDate: "2026-01-20",
    startTime: "09:00",
    endTime: "09:30",
    location: "Northgate contact centre",
    description: "Cara briefed the team.",
    criteria: [{ enrolmentId, criterionId, rangeItemIds: [] }],
  });
  const discussion = await recordObservation(db, asha, {
    kind: "professionalDiscussion",
    title: "Monitoring discussion",
    activityDate: "2026-01-21",
    startTime: "10:00",
    endTime: "10:45",
    location: "By video call",
    description: "We discussed how Cara monitors service.",
    criteria: [{ enrolmentId, criterionId, rangeItemIds: [] }],
  });
  const marker = await addRecordingMarker(db, asha, { evidenceId: discussion.id, criterionId, at: "12:30" });
  return { evidence: id, discussion: discussion.id, marker: marker.id };
}
