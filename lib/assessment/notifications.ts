import { z } from "zod";

import { recordAudit } from "../audit";

import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { recordId } from "./input";
import { parseInput } from "../errors";

// A person's own notifications. Every query is scoped to the actor, so nobody reads or marks
// another person's.

export const NOTIFICATIONS_PAGE_SIZE = 20;

export type NotificationItem = {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
};

export type NotificationPage = {
  items: NotificationItem[];
  total: number;
  unread: number;
  page: number;
  pageCount: number;
  pageSize: number;
};

export async function listNotifications(
  db: Db,
  actor: Actor,
  options: { page?: number } = {},
): Promise<NotificationPage> {
  const where = { userId: actor.userId };
  const [total, unread] = await Promise.all([db.notification.count({ where }), unreadCount(db, actor)]);
  const pageCount = Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1) || 1), pageCount);
  const items = await db.notification.findMany({
    where,
    select: { id: true, kind: true, title: true, body: true, link: true, createdAt: true, readAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
    take: NOTIFICATIONS_PAGE_SIZE,
  });
  return { items, total, unread, page, pageCount, pageSize: NOTIFICATIONS_PAGE_SIZE };
}

/** Unread notifications of the actor: one count, for the header badge. */
export function unreadCount(db: Db, actor: Actor): Promise<number> {
  return db.notification.count({ where: { userId: actor.userId, readAt: null } });
}

export const MarkNotificationReadInput = z.object({ notificationId: recordId("notification") });

/** Marks one of the actor's notifications read; someone else's (or a missing one) changes nothing. */
export async function markNotificationRead(
  db: Db,
  actor: Actor,
  rawInput: z.input<typeof MarkNotificationReadInput>,
  now: Date = new Date(),
): Promise<{ marked: number }> {
  const input = parseInput(MarkNotificationReadInput, rawInput);
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { id: input.notificationId, userId: actor.userId, readAt: null },
      data: { readAt: now },
    });
    if (count > 0) {
      await recordAudit(tx, {
        actorId: actor.userId,
        centreId: null,
        action: "notification.read",
        entityType: "Notification",
        entityId: input.notificationId,
        after: { readAt: now.toISOString() },
      });
    }
    return { marked: count };
  });
}

export async function markAllNotificationsRead(
  db: Db,
  actor: Actor,
  now: Date = new Date(),
): Promise<{ marked: number }> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { userId: actor.userId, readAt: null },
      data: { readAt: now },
    });
    if (count > 0) {
      await recordAudit(tx, {
        actorId: actor.userId,
        centreId: null,
        action: "notification.readAll",
        entityType: "Notification",
        entityId: null,
        after: { marked: count, readAt: now.toISOString() },
      });
    }
    return { marked: count };
  });
}
