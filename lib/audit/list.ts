import { z } from "zod";
import type { Prisma } from "../../generated/sqlite/client";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { addDays, isCalendarDate, startOfDayIn } from "../format/date";

// The audit viewer's query: one centre's chain for its admins, every chain for platform admins,
// filtered by person, action, entity and time. Shared by the pages and the CSV export so the
// export is exactly the filtered list.

export const AUDIT_PAGE_SIZE = 25;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .optional()
    .transform((v) => v || undefined);
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isCalendarDate(v), "must be a date like 2026-12-31");

export const auditFilterSchema = z.object({
  /** A name, email or account id: events by that person or about them. */
  person: optionalText(200),
  /** An action or its start: "evidence." matches every evidence action. */
  action: optionalText(100),
  /** An entity type ("Enrolment") or an entity's id. */
  entity: optionalText(200),
  from: optionalDate,
  to: optionalDate,
  /** Platform view only: one centre's chain, or "platform". */
  chain: optionalText(100),
});
export type AuditFilters = Partial<z.infer<typeof auditFilterSchema>>;

/** Reads the filters from an address; a bad value is dropped and named (the list then shows without it). */
export function readAuditFilters(params: URLSearchParams): { filters: AuditFilters; problems: string[] } {
  const raw = Object.fromEntries(
    ["person", "action", "entity", "from", "to", "chain"].map((k) => [k, params.get(k) ?? undefined]),
  );
  const filters: AuditFilters = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const one = auditFilterSchema.shape[key as keyof AuditFilters].safeParse(value);
    if (one.success) Object.assign(filters, { [key]: one.data });
    else problems.push(`${key} ${one.error.issues[0]?.message ?? "is not valid"}`);
  }
  return { filters, problems };
}

/** Whose events: one centre's (its admins), or all (platform admins, "*"). */
export type AuditScope = { centreId: string; timeZone: string } | { centreId: "*"; timeZone: "UTC" };

export async function auditWhere(
  db: Db,
  actor: Actor,
  scope: AuditScope,
  filters: AuditFilters,
): Promise<Prisma.AuditEventWhereInput> {
  authorize(actor, "audit.read", { kind: "centre", centreId: scope.centreId });
  const and: Prisma.AuditEventWhereInput[] = [];
  if (scope.centreId !== "*") and.push({ centreId: scope.centreId });
  else if (filters.chain) and.push({ chainId: filters.chain });
  if (filters.person) {
    const people = await db.user.findMany({
      where: {
        OR: [
          { id: filters.person },
          { email: { contains: filters.person.toLowerCase() } },
          { name: { contains: filters.person } },
        ],
      },
      select: { id: true },
      take: 200,
    });
    const ids = people.map((p) => p.id);
    and.push({ OR: [{ actorId: { in: ids } }, { entityType: "User", entityId: { in: ids } }] });
  }
  if (filters.action) and.push({ action: { startsWith: filters.action } });
  if (filters.entity) and.push({ OR: [{ entityType: filters.entity }, { entityId: filters.entity }] });
  if (filters.from) and.push({ at: { gte: startOfDayIn(filters.from, scope.timeZone) } });
  if (filters.to) and.push({ at: { lt: startOfDayIn(addDays(filters.to, 1), scope.timeZone) } });
  return { AND: and };
}

export type AuditRow = {
  id: string;
  at: string;
  chainId: string | null;
  seq: number | null;
  centreId: string | null;
  actorId: string | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

const rowSelect = {
  id: true,
  at: true,
  chainId: true,
  seq: true,
  centreId: true,
  actorId: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
} as const;

async function withActors(
  db: Db,
  rows: Array<Prisma.AuditEventGetPayload<{ select: typeof rowSelect }>>,
): Promise<AuditRow[]> {
  const ids = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null))];
  const users = ids.length
    ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } })
    : [];
  const who = new Map(users.map((u) => [u.id, `${u.name} <${u.email}>`]));
  return rows.map((r) => ({
    ...r,
    at: r.at.toISOString(),
    actor: r.actorId ? (who.get(r.actorId) ?? r.actorId) : "(system)",
  }));
}

export type AuditPage = { events: AuditRow[]; total: number; page: number; pageCount: number; pageSize: number };

/** The filtered events, newest first, 25 a page. */
export async function listAuditEvents(
  db: Db,
  actor: Actor,
  scope: AuditScope,
  filters: AuditFilters,
  pageInput: unknown,
): Promise<AuditPage> {
  const where = await auditWhere(db, actor, scope, filters);
  const total = await db.auditEvent.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const asked = z.coerce.number().int().min(1).catch(1).parse(pageInput);
  const page = Math.min(asked, pageCount);
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
    select: rowSelect,
  });
  return { events: await withActors(db, rows), total, page, pageCount, pageSize: AUDIT_PAGE_SIZE };
}

/** Every filtered event, newest first, a page at a time by keyset (so a deep page costs no more than the first). */
export async function* auditEventPages(
  db: Db,
  where: Prisma.AuditEventWhereInput,
  pageSize = 1000,
): AsyncGenerator<AuditRow[]> {
  let last: { at: Date; id: string } | null = null;
  for (;;) {
    const after: Prisma.AuditEventWhereInput = last
      ? { OR: [{ at: { lt: last.at } }, { at: last.at, id: { lt: last.id } }] }
      : {};
    const rows = await db.auditEvent.findMany({
      where: { AND: [where, after] },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: pageSize,
      select: rowSelect,
    });
    if (rows.length > 0) yield await withActors(db, rows);
    if (rows.length < pageSize) return;
    const end = rows[rows.length - 1]!;
    last = { at: end.at, id: end.id };
  }
}
