import { describe, expect, it } from "vitest";
import { useMigratedDb } from "../helpers/test-db";

// How the database client behaves when a server does several things at once (a request's
// transaction, another request's plain write, the job worker's poll), on the real database of
// this run. On SQLite they share one connection, whose transactions run one at a time; the
// limits are in lib/db/client.ts (docs/decisions/0026-transaction-time-limits.md).

const state = useMigratedDb();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let counter = 0;
const centre = (label: string) => {
  counter += 1;
  return { name: `${label} ${counter}`, slug: `${label}-${counter}-${Date.now().toString(36)}` };
};

describe("the database client under concurrent work", () => {
  it("keeps a write made outside a transaction while another transaction is open, when that transaction rolls back", async () => {
    const db = state.db;
    const inside = centre("inside");
    const outside = centre("outside");
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    let entered!: () => void;
    const open = new Promise<void>((resolve) => (entered = resolve));

    const failing = db.$transaction(async (tx) => {
      await tx.centre.create({ data: inside });
      entered();
      await held;
      throw new Error("rolled back on purpose");
    });
    await open;
    // Another request's write while that transaction is open (the job worker claiming a job,
    // a failed sign-in being counted). It must not become part of the other transaction.
    // It is raw SQL, as the worker's claim is.
    const written = db.$executeRaw`INSERT INTO "Centre" ("id", "name", "slug", "timeZone", "createdAt")
      VALUES (${outside.slug}, ${outside.name}, ${outside.slug}, 'Europe/London', ${new Date()})`;
    await sleep(100);
    letGo();
    await expect(failing).rejects.toThrow("rolled back on purpose");
    await written;

    expect(await db.centre.findUnique({ where: { slug: inside.slug } })).toBeNull();
    expect(await db.centre.findUnique({ where: { slug: outside.slug } })).not.toBeNull();
  });

  it("commits a transaction that works for longer than Prisma's 5 s default, as a sign-off can on a loaded machine", async () => {
    const db = state.db;
    const slow = centre("slow");
    await db.$transaction(async (tx) => {
      await tx.centre.create({ data: slow });
      await sleep(6_000);
      await tx.centre.update({ where: { slug: slow.slug }, data: { name: "finished" } });
    });
    expect(await db.centre.findUnique({ where: { slug: slow.slug } })).toMatchObject({ name: "finished" });
  });

  it("starts a transaction that had to wait longer than Prisma's 2 s default for another one to finish", async () => {
    const db = state.db;
    const first = centre("first");
    const second = centre("second");
    let entered!: () => void;
    const open = new Promise<void>((resolve) => (entered = resolve));
    const holding = db.$transaction(async (tx) => {
      await tx.centre.create({ data: first });
      entered();
      await sleep(3_000);
    });
    await open;
    const waiting = db.$transaction(async (tx) => {
      await tx.centre.create({ data: second });
    });
    await Promise.all([holding, waiting]);
    expect(await db.centre.count({ where: { slug: { in: [first.slug, second.slug] } } })).toBe(2);
  });
});
