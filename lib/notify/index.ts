import type { Db } from "../db/client";
import { enqueueImmediateEmails } from "./email";

type Tx = Pick<Db, "notification" | "user" | "$queryRaw">;

export type NotificationInput = { userId: string; kind: NotificationKind; title: string; body: string; link?: string };

export type NotificationKind =
  | "evidence.submitted"
  | "comment.added"
  | "mapping.reviewed"
  | "decision.made"
  | "decision.revoked"
  | "unit.signedOff"
  | "unit.signOffRevoked"
  | "observation.recorded"
  | "observation.answered"
  | "plan.activityPlanned"
  | "question.set"
  | "question.answered"
  | "question.marked"
  | "qa.sampled"
  | "qa.actionRaised"
  | "qa.actionResponded"
  | "qa.actionClosed"
  | "qa.actionReopened"
  | "visit.arranged"
  | "visit.changed"
  | "visit.cancelled";

/**
 * Tells someone about something in the app. Written in the same transaction as the change it
 * reports, with an email job for each person who chose an email per notification (lib/notify/email.ts).
 */
export async function notify(tx: Tx, ...notifications: NotificationInput[]): Promise<void> {
  if (notifications.length === 0) return;
  const created = await tx.notification.createManyAndReturn({
    select: { id: true, userId: true },
    data: notifications.map((n) => ({
      userId: n.userId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link ?? null,
    })),
  });
  await enqueueImmediateEmails(tx, created);
}
