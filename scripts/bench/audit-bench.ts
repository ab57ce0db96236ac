// The audit chain's costs (docs/decisions/0012-audit-chain.md, issue 21):
//
// - Appending: what recordAudit costs the transaction that calls it (timed inside the
//   transaction), against a floor measured in the same run: the same row inserted unchained, one
//   statement, in the same kind of transaction. Also the "cold" append (the chain's head last
//   moved by another process) and both with BEGIN and COMMIT included. Target: p95 under 2 ms on
//   PostgreSQL.
// - Verifying: verifyAuditChains over N events written in bulk with correct chaining (hashed
//   here through lib/audit/chain.ts, inserted in batches), against a floor: reading the same
//   rows with the verifier's own reader (same queries, pages, decoding) with no hashing, and
//   hashing as many with no reading. Target: 1.3 million events (the scale seed's count at
//   10,000 candidates) in under 30 s.
import Database from "better-sqlite3";
import pg from "pg";
import { Prisma } from "../../generated/sqlite/client";
import { forgetAuditChainHeads, recordAudit, type AuditInput } from "../../lib/audit";
import { GENESIS_HASH, hashEventAt, linkEvents, PLATFORM_CHAIN } from "../../lib/audit/chain";
import { newAuditEventId } from "../../lib/audit/event-id";
import { chainEvents, verifyAuditChains } from "../../lib/audit/verify";
import { createDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { sqliteFilePath, type Provider } from "../../lib/db/provider";
import { percentile } from "./progress-bench";

export const APPEND_TARGET_P95_MS = 2;
export const VERIFY_TARGET = { events: 1_300_000, seconds: 30 };

const CENTRE = "bench-audit-centre";

export type AuditBenchResult = {
  provider: Provider;
  append: AppendTimings;
  events: number;
  generateMs: number;
  verifyMs: number;
  /** This process's CPU time while verifying (the database's is apart): what a busy shared machine cannot inflate. */
  verifyCpuMs: number;
  verifyOk: boolean;
  readFloorMs: number;
  hashFloorMs: number;
};

/** An event like the app writes: small JSON, ids like cuids. */
function sampleEvent(n: number, at: Date, centreId: string | null): Omit<AuditInput, "at"> & { at: Date } {
  // Warm-up runs pass negative numbers; the event shapes and ids only need a non-negative one.
  const i = Math.abs(n);
  const kind = i % 4;
  return {
    actorId: `cmbenchactor${String(i % 997).padStart(13, "0")}`,
    centreId,
    action: ["decision.sign", "evidence.create", "evidence.submit", "auth.signIn"][kind]!,
    entityType: ["Decision", "Evidence", "Evidence", "User"][kind]!,
    entityId: `cmbenchentity${String(i).padStart(12, "0")}`,
    before: kind === 1 ? { title: "Handling a complaint", method: "product" } : null,
    after: kind === 0 ? { outcome: "MET", criterionRef: `1.${i % 9}` } : { unitCode: "CS34" },
    at,
  };
}

// ---------------------------------------------------------------------------------------------
// Appending: what a caller pays inside the transaction it already has open (recordAudit's own
// statements), and the same with BEGIN and COMMIT around it, vs the floor: the same row inserted
// unchained, one statement, in the same kind of transaction.

type Timings = { inner: number[]; whole: number[] };
export type AppendTimings = { warm: Timings; cold: Timings; floor: Timings };

const json = (provider: Provider, value: unknown) =>
  Prisma.sql`${value === null || value === undefined ? null : JSON.stringify(value)}${Prisma.raw(provider === "postgresql" ? "::jsonb" : "")}`;

/** The floor: the event's row as recordAudit writes it, minus the chaining (no head, hashes fixed). */
function insertUnchained(tx: Prisma.TransactionClient, provider: Provider, i: number) {
  const e = sampleEvent(i, new Date(), CENTRE);
  return tx.$executeRaw`
    INSERT INTO "AuditEvent" ("id", "chainId", "seq", "prevHash", "hash", "centreId", "actorId", "action",
      "entityType", "entityId", "before", "after", "at")
    VALUES (${newAuditEventId()}, ${`floor-${i}`}, 1, ${GENESIS_HASH}, ${GENESIS_HASH}, ${e.centreId}, ${e.actorId},
      ${e.action}, ${e.entityType}, ${e.entityId}, ${json(provider, e.before)}, ${json(provider, e.after)}, ${e.at})`;
}

/** Times `work` inside a transaction of its own: the work alone, and BEGIN to COMMIT. */
async function timeInTransaction(db: Db, into: Timings | null, work: (tx: Prisma.TransactionClient) => unknown) {
  let inner = 0;
  const started = performance.now();
  await db.$transaction(async (tx) => {
    const begun = performance.now();
    await work(tx);
    inner = performance.now() - begun;
  });
  const whole = performance.now() - started;
  into?.inner.push(inner);
  into?.whole.push(whole);
}

async function timeAppends(db: Db, provider: Provider, runs: number): Promise<AppendTimings> {
  const timings: AppendTimings = {
    warm: { inner: [], whole: [] },
    cold: { inner: [], whole: [] },
    floor: { inner: [], whole: [] },
  };
  for (let i = -50; i < runs; i++) {
    // Interleaved, so a burst of load on the shared machine lands on all three.
    const keep = i >= 0;
    // Warm: this process wrote the chain's last event, as a busy app server usually has.
    await timeInTransaction(db, keep ? timings.warm : null, (tx) =>
      recordAudit(tx, sampleEvent(i, new Date(), CENTRE)),
    );
    // Cold: another process wrote it last (or this one just started): lock and read the head first.
    forgetAuditChainHeads();
    await timeInTransaction(db, keep ? timings.cold : null, (tx) =>
      recordAudit(tx, sampleEvent(i, new Date(), CENTRE)),
    );
    await timeInTransaction(db, keep ? timings.floor : null, (tx) => insertUnchained(tx, provider, i));
  }
  await db.auditEvent.deleteMany({ where: { chainId: { startsWith: "floor-" } } });
  return timings;
}

// ---------------------------------------------------------------------------------------------
// Bulk generation: N events hashed in order, one chain per centre plus the platform's (a tenth
// of the events, as sign-ins are), inserted in batches outside the app.

type GeneratedRow = [
  string,
  string | null,
  string,
  string,
  string,
  string,
  string | null,
  string | null,
  number,
  string,
  number,
  string,
  string,
];

const BATCH = 10_000;

function* generate(total: number): Generator<GeneratedRow[]> {
  const heads = new Map<string, { seq: number; hash: string }>();
  const start = Date.UTC(2025, 0, 1);
  for (let offset = 0; offset < total; offset += BATCH) {
    const rows: GeneratedRow[] = [];
    const count = Math.min(BATCH, total - offset);
    for (let j = 0; j < count; j++) {
      const i = offset + j;
      const centreId = i % 10 === 9 ? null : CENTRE;
      const chainId = centreId ?? PLATFORM_CHAIN;
      const event = sampleEvent(i, new Date(start + i * 1000), centreId);
      const { linked, head } = linkEvents(chainId, heads.get(chainId) ?? { seq: 0, hash: GENESIS_HASH }, [
        { ...event, before: event.before ?? null, after: event.after ?? null },
      ]);
      heads.set(chainId, head);
      const l = linked[0]!;
      rows.push([
        `cmbenchevent${String(i).padStart(13, "0")}`,
        l.centreId,
        l.actorId!,
        l.action,
        l.entityType,
        l.entityId!,
        l.before === null ? null : JSON.stringify(l.before),
        l.after === null ? null : JSON.stringify(l.after),
        l.at.getTime(),
        chainId,
        l.seq,
        l.prevHash,
        l.hash,
      ]);
    }
    yield rows;
  }
  return heads;
}

const columns = `"id", "centreId", "actorId", "action", "entityType", "entityId", "before", "after", "at", "chainId", "seq", "prevHash", "hash"`;

async function insertPostgres(url: string, total: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET synchronous_commit = off");
    const types = [
      "text",
      "text",
      "text",
      "text",
      "text",
      "text",
      "jsonb",
      "jsonb",
      "timestamp(3)",
      "text",
      "int",
      "text",
      "text",
    ];
    const sql = `INSERT INTO "AuditEvent" (${columns}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(", ")})`;
    const generator = generate(total);
    for (;;) {
      const next = generator.next();
      if (next.done) {
        for (const [chainId, head] of next.value as Map<string, { seq: number; hash: string }>)
          await client.query(`INSERT INTO "AuditChainHead" ("chainId", "seq", "hash") VALUES ($1, $2, $3)`, [
            chainId,
            head.seq,
            head.hash,
          ]);
        break;
      }
      const params = types.map((t, c) =>
        next.value.map((row) => (t.startsWith("timestamp") ? new Date(row[c] as number).toISOString() : row[c])),
      );
      await client.query(sql, params);
    }
    await client.query(`VACUUM (ANALYZE) "AuditEvent", "AuditChainHead"`);
  } finally {
    await client.end();
  }
}

function insertSqlite(url: string, total: number): void {
  const db = new Database(sqliteFilePath(url));
  try {
    db.pragma("synchronous = OFF");
    const insert = db.prepare(
      `INSERT INTO "AuditEvent" (${columns}) VALUES (${columns
        .split(",")
        .map(() => "?")
        .join(", ")})`,
    );
    // Prisma's SQLite adapter stores DateTime as ISO text with an explicit UTC offset.
    const insertAll = db.transaction((rows: GeneratedRow[]) => {
      for (const row of rows) {
        row[8] = new Date(row[8] as number).toISOString().replace("Z", "+00:00") as never;
        insert.run(row);
      }
    });
    const generator = generate(total);
    for (;;) {
      const next = generator.next();
      if (next.done) {
        for (const [chainId, head] of next.value as Map<string, { seq: number; hash: string }>)
          db.prepare(`INSERT INTO "AuditChainHead" ("chainId", "seq", "hash") VALUES (?, ?, ?)`).run(
            chainId,
            head.seq,
            head.hash,
          );
        break;
      }
      insertAll(next.value);
    }
    db.exec("ANALYZE");
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Verifying, and its floors

/** Reads every event of every chain as the verifier does (same queries, pages, decoding), and does nothing with them. */
async function readFloor(db: Db): Promise<number> {
  const heads = await db.auditChainHead.findMany({ select: { chainId: true } });
  let rows = 0;
  for (const { chainId } of heads) for await (const page of chainEvents(db, chainId)) rows += page.length;
  return rows;
}

/** 10,000 events of the bench's shapes, made before the hash floor's clock starts. */
function floorEvents() {
  return Array.from({ length: 10_000 }, (_, i) => {
    const e = sampleEvent(i, new Date(), CENTRE);
    return { ...e, before: e.before ?? null, after: e.after ?? null, chainId: CENTRE, seq: 0, prevHash: GENESIS_HASH };
  });
}

/** Hashes `count` events' canonical forms with no database at all: the CPU the verifier cannot avoid. */
function hashFloor(events: ReturnType<typeof floorEvents>, count: number): void {
  const at = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const e = events[i % events.length]!;
    e.seq = i + 1;
    hashEventAt(e, at);
  }
}

const timed = async (work: () => unknown) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

export async function benchAudit(
  provider: Provider,
  url: string,
  options: { appendRuns: number; events: number; log: (line: string) => void },
): Promise<AuditBenchResult> {
  await migrate(url);
  const db = createDb(url);
  try {
    await db.$queryRawUnsafe("SELECT 1"); // connect before timing
    const append = await timeAppends(db, provider, options.appendRuns);
    // The verify bench starts from an empty log: only the generated events.
    await db.auditEvent.deleteMany({});
    await db.auditChainHead.deleteMany({});
    options.log(`    generating ${options.events.toLocaleString("en")} chained events ...`);
    const generateMs = await timed(() =>
      provider === "postgresql" ? insertPostgres(url, options.events) : insertSqlite(url, options.events),
    );
    let report: Awaited<ReturnType<typeof verifyAuditChains>> | undefined;
    const cpu = process.cpuUsage();
    const verifyMs = await timed(async () => (report = await verifyAuditChains(db)));
    const { user, system } = process.cpuUsage(cpu);
    if (report?.events !== options.events)
      throw new Error(`verified ${report?.events} events, generated ${options.events}`);
    const readFloorMs = await timed(() => readFloor(db));
    const events = floorEvents();
    const hashFloorMs = await timed(() => hashFloor(events, options.events));
    return {
      provider,
      append,
      events: options.events,
      generateMs,
      verifyMs,
      verifyCpuMs: (user + system) / 1000,
      verifyOk: report.ok,
      readFloorMs,
      hashFloorMs,
    };
  } finally {
    await db.$disconnect();
  }
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const s = (n: number) => `${(n / 1000).toFixed(1)} s`;

const quantiles = (xs: number[]) => `p50 ${ms(percentile(xs, 50))}, p95 ${ms(percentile(xs, 95))}`;

export function printAuditResult(r: AuditBenchResult, print: (line: string) => void): void {
  const { warm, cold, floor } = r.append;
  const p95 = percentile(warm.inner, 95);
  const appendVerdict =
    r.provider === "postgresql" ? (p95 < APPEND_TARGET_P95_MS ? "meets target" : "MISSES target") : "(no target)";
  print(`  ${r.provider}`);
  print(
    `    append (recordAudit inside the caller's transaction, ${warm.inner.length} runs): ${quantiles(warm.inner)}  target p95 < ${APPEND_TARGET_P95_MS} ms  ${appendVerdict}`,
  );
  print(`      floor (the same row inserted unchained, one statement):  ${quantiles(floor.inner)}`);
  print(`      cold append (head last moved by another process):        ${quantiles(cold.inner)}`);
  print(
    `      whole transaction, BEGIN to COMMIT: append ${quantiles(warm.whole)}; floor ${quantiles(floor.whole)}; cold ${quantiles(cold.whole)}`,
  );
  // The target is for 1.3 million events; at another count it is scaled, events being walked one by one.
  const budget = (VERIFY_TARGET.seconds * 1000 * r.events) / VERIFY_TARGET.events;
  const verdict = !r.verifyOk ? "CHAIN BROKEN" : r.verifyMs < budget ? "meets target" : "MISSES target";
  const rate = Math.round(r.events / (r.verifyMs / 1000)).toLocaleString("en");
  print(
    `    verify ${r.events.toLocaleString("en")} events: ${s(r.verifyMs)} (${rate} events/s; this process's CPU ${s(r.verifyCpuMs)})  target ${VERIFY_TARGET.events.toLocaleString("en")} in < ${VERIFY_TARGET.seconds} s${r.events === VERIFY_TARGET.events ? "" : `, i.e. < ${s(budget)} here`}  ${verdict}`,
  );
  print(
    `      floors: reading them as the verifier does, without hashing ${s(r.readFloorMs)}; hashing as many events without reading ${s(r.hashFloorMs)}; generating them ${s(r.generateMs)}`,
  );
}
