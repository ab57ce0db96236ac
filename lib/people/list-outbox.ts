import { authorize } from "../authz/policy";
import type { Db } from "../db/client";
import { actingCentreId, type CentreActor } from "./acting-centre";
import { OUTBOX_PAGE_SIZE, pageNumber } from "./schemas";

export type OutboxEntry = {
  id: string;
  to: string;
  subject: string;
  body: string;
  createdAt: string;
  sentAt: string | null;
};
export type OutboxPage = {
  messages: OutboxEntry[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  centre: { name: string; timeZone: string };
};

/** The centre's outgoing mail, newest first, 25 a page. */
export async function listOutbox(db: Db, actor: CentreActor, options: { page?: unknown } = {}): Promise<OutboxPage> {
  const centreId = actingCentreId(actor, "outbox.read");
  authorize(actor, "outbox.read", { kind: "centre", centreId });
  const [centre, total] = await Promise.all([
    db.centre.findUniqueOrThrow({ where: { id: centreId }, select: { name: true, timeZone: true } }),
    db.outboxMessage.count({ where: { centreId } }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const page = Math.min(pageNumber(options.page), pageCount);
  const rows = await db.outboxMessage.findMany({
    where: { centreId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * OUTBOX_PAGE_SIZE,
    take: OUTBOX_PAGE_SIZE,
  });
  return {
    messages: rows.map((m) => ({
      id: m.id,
      to: m.to,
      subject: m.subject,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
    })),
    total,
    page,
    pageCount,
    pageSize: OUTBOX_PAGE_SIZE,
    centre,
  };
}
