// Realistic progress data for one centre at scale, written with bulk inserts: multi-row
// INSERT ... SELECT FROM unnest(arrays) on PostgreSQL, prepared statements in a transaction on
// SQLite. Used by `npm run seed:scale`, by `npm run bench -- --scale N` and, at a small scale, by
// the progress integration test. Deterministic for a given seed and `now`.
//
// The shape, per candidate: enrolments on four or five of the units, started at staggered dates
// over two years (a few not yet started), each planned for 6-12 months; a personal pace decides
// how far each enrolment has got, so some are ahead, some behind and some past their planned
// end; 7% are withdrawn; those that finished are completed with every criterion met and the unit
// signed off. Every met criterion has a standing MET decision resting on an accepted mapping
// (a few also have a revoked earlier decision and a rejected first attempt); active enrolments
// have evidence waiting for review, drafts and referrals. Evidence items each cover about five
// criteria. Every change has its audit event.

import crypto from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { GENESIS_HASH, linkEvents } from "../../lib/audit/chain";
import { createDb } from "../../lib/db/client";
import { providerOf, sqliteFilePath, type Provider } from "../../lib/db/provider";
import { plannedPeriod } from "../../lib/enrolments/planned-period";
import { refreshCentreCounters } from "../../lib/progress/enrolment-counters";
import { importStandards } from "../../lib/standards/import";
import { refreshCentreMetTally } from "../../lib/progress/met-tally";
import { DEFAULT_TIME_ZONE } from "../../lib/format/time-zone";
import { mulberry32 } from "../../lib/random/mulberry32";

export type ScaleOptions = {
  databaseUrl: string;
  candidates: number;
  now?: Date;
  seed?: number;
  centreSlug?: string;
  centreName?: string;
  timeZone?: string;
  /** Candidates generated and written per batch. */
  batchSize?: number;
  log?: (line: string) => void;
};

export type ScaleCounts = {
  users: number;
  enrolments: number;
  evidence: number;
  mappings: number;
  decisions: number;
  auditEvents: number;
  unitSignOffs: number;
};

export type ScaleReport = {
  centreId: string;
  adminUserId: string;
  assessorIds: string[];
  counts: ScaleCounts;
  ms: number;
};

const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const a = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = a;
    }
    return copy;
  }
}

// ---------------------------------------------------------------------------------------------
// Tables: column-major buffers, written by a dialect-specific writer

type ColumnType = "text" | "timestamp" | "int" | "bigint" | "bool" | "json" | { enum: string };
type TableSpec = { name: string; columns: ReadonlyArray<readonly [string, ColumnType]> };
/** Timestamps are held as epoch milliseconds until written. */
type Value = string | number | boolean | null;

const tables = {
  Centre: {
    name: "Centre",
    columns: [
      ["id", "text"],
      ["name", "text"],
      ["slug", "text"],
      ["timeZone", "text"],
      ["createdAt", "timestamp"],
    ],
  },
  User: {
    name: "User",
    columns: [
      ["id", "text"],
      ["email", "text"],
      ["name", "text"],
      ["passwordHash", "text"],
      ["isPlatformAdmin", "bool"],
      ["createdAt", "timestamp"],
      ["updatedAt", "timestamp"],
    ],
  },
  Membership: {
    name: "Membership",
    columns: [
      ["id", "text"],
      ["userId", "text"],
      ["centreId", "text"],
      ["role", { enum: "Role" }],
      ["createdAt", "timestamp"],
    ],
  },
  Enrolment: {
    name: "Enrolment",
    columns: [
      ["id", "text"],
      ["centreId", "text"],
      ["candidateId", "text"],
      ["unitVersionId", "text"],
      ["assessorId", "text"],
      ["iqaId", "text"],
      ["startDate", "timestamp"],
      ["plannedEndDate", "timestamp"],
      ["startMs", "bigint"],
      ["endMs", "bigint"],
      ["greenUntilMs", "bigint"],
      ["amberUntilMs", "bigint"],
      ["status", { enum: "EnrolmentStatus" }],
      ["withdrawnAt", "timestamp"],
      ["withdrawnReason", "text"],
      ["candidateDeclaredAt", "timestamp"],
      ["candidateDeclaration", "text"],
      ["createdAt", "timestamp"],
      ["updatedAt", "timestamp"],
    ],
  },
  Evidence: {
    name: "Evidence",
    columns: [
      ["id", "text"],
      ["centreId", "text"],
      ["candidateId", "text"],
      ["title", "text"],
      ["method", "text"],
      ["activityDate", "timestamp"],
      ["description", "text"],
      ["simulated", "bool"],
      ["submittedAt", "timestamp"],
      ["declaration", "text"],
      ["round", "int"],
      ["createdAt", "timestamp"],
      ["updatedAt", "timestamp"],
    ],
  },
  Mapping: {
    name: "Mapping",
    columns: [
      ["id", "text"],
      ["evidenceId", "text"],
      ["criterionId", "text"],
      ["enrolmentId", "text"],
      ["status", { enum: "MappingStatus" }],
      ["feedback", "text"],
      ["reviewedById", "text"],
      ["reviewedAt", "timestamp"],
      ["createdAt", "timestamp"],
      ["updatedAt", "timestamp"],
    ],
  },
  Decision: {
    name: "Decision",
    columns: [
      ["id", "text"],
      ["centreId", "text"],
      ["enrolmentId", "text"],
      ["criterionId", "text"],
      ["outcome", { enum: "DecisionOutcome" }],
      ["signedById", "text"],
      ["signedAt", "timestamp"],
      ["evidenceSnapshot", "json"],
      ["signatureHash", "text"],
      ["currentSlot", "text"],
      ["revokedAt", "timestamp"],
      ["revokedById", "text"],
      ["revokeReason", "text"],
    ],
  },
  UnitSignOff: {
    name: "UnitSignOff",
    columns: [
      ["id", "text"],
      ["enrolmentId", "text"],
      ["assessorId", "text"],
      ["assessorDeclaration", "text"],
      ["signedAt", "timestamp"],
      ["signatureHash", "text"],
      ["currentSlot", "text"],
    ],
  },
  AuditEvent: {
    name: "AuditEvent",
    columns: [
      ["id", "text"],
      ["centreId", "text"],
      ["actorId", "text"],
      ["action", "text"],
      ["entityType", "text"],
      ["entityId", "text"],
      ["after", "json"],
      ["at", "timestamp"],
      ["chainId", "text"],
      ["seq", "int"],
      ["prevHash", "text"],
      ["hash", "text"],
    ],
  },
  AuditChainHead: {
    name: "AuditChainHead",
    columns: [
      ["chainId", "text"],
      ["seq", "int"],
      ["hash", "text"],
    ],
  },
} satisfies Record<string, TableSpec>;

type TableName = keyof typeof tables;
const insertOrder: TableName[] = [
  "Centre",
  "User",
  "Membership",
  "Enrolment",
  "Evidence",
  "Mapping",
  "Decision",
  "UnitSignOff",
  "AuditEvent",
  "AuditChainHead",
];

class TableBuffer {
  columns: Value[][];
  constructor(readonly spec: TableSpec) {
    this.columns = spec.columns.map(() => []);
  }
  get length(): number {
    return this.columns[0]?.length ?? 0;
  }
  push(values: Value[]): void {
    if (values.length !== this.columns.length)
      throw new Error(`${this.spec.name}: ${values.length} values for ${this.columns.length} columns`);
    for (let i = 0; i < values.length; i++) (this.columns[i] as Value[]).push(values[i] as Value);
  }
  clear(): void {
    this.columns = this.spec.columns.map(() => []);
  }
}

type Buffers = Record<TableName, TableBuffer>;

function makeBuffers(): Buffers {
  return Object.fromEntries(insertOrder.map((name) => [name, new TableBuffer(tables[name])])) as Buffers;
}

interface Writer {
  write(buffer: TableBuffer): Promise<void>;
  finish(): Promise<void>;
  close(): Promise<void>;
}

function pgArrayType(type: ColumnType): string {
  if (typeof type === "object") return "text[]";
  return {
    text: "text[]",
    timestamp: "timestamp(3)[]",
    int: "int[]",
    bigint: "int8[]",
    bool: "boolean[]",
    json: "jsonb[]",
  }[type];
}

const isoOf = (ms: number) => new Date(ms).toISOString();

async function postgresWriter(url: string): Promise<Writer> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SET synchronous_commit = off");
  const rowsPerStatement = 20_000;
  return {
    async write(buffer) {
      const { spec } = buffer;
      const names = spec.columns.map(([name]) => `"${name}"`).join(", ");
      const aliases = spec.columns.map((_, i) => `c${i}`);
      const select = spec.columns
        .map(([, type], i) => (typeof type === "object" ? `c${i}::"${type.enum}"` : `c${i}`))
        .join(", ");
      const unnest = spec.columns.map(([, type], i) => `$${i + 1}::${pgArrayType(type)}`).join(", ");
      const sql = `INSERT INTO "${spec.name}" (${names}) SELECT ${select} FROM unnest(${unnest}) AS t(${aliases.join(", ")})`;
      for (let start = 0; start < buffer.length; start += rowsPerStatement) {
        const end = Math.min(buffer.length, start + rowsPerStatement);
        const params = spec.columns.map(([, type], i) => {
          const slice = (buffer.columns[i] as Value[]).slice(start, end);
          return type === "timestamp" ? slice.map((v) => (v === null ? null : isoOf(v as number))) : slice;
        });
        await client.query(sql, params);
      }
    },
    async finish() {
      await client.query(`VACUUM (ANALYZE) ${insertOrder.map((name) => `"${name}"`).join(", ")}`);
    },
    async close() {
      await client.end();
    },
  };
}

function sqliteWriter(url: string): Writer {
  const db = new Database(sqliteFilePath(url));
  db.pragma("synchronous = OFF");
  const statements = new Map<string, Database.Statement>();
  const statementFor = (spec: TableSpec) => {
    let found = statements.get(spec.name);
    if (!found) {
      const names = spec.columns.map(([name]) => `"${name}"`).join(", ");
      found = db.prepare(`INSERT INTO "${spec.name}" (${names}) VALUES (${spec.columns.map(() => "?").join(", ")})`);
      statements.set(spec.name, found);
    }
    return found;
  };
  // Prisma's SQLite adapter stores DateTime as ISO text with an explicit UTC offset.
  const sqliteTime = (ms: number) => isoOf(ms).replace("Z", "+00:00");
  const insertAll = db.transaction((buffer: TableBuffer) => {
    const statement = statementFor(buffer.spec);
    const types = buffer.spec.columns.map(([, type]) => type);
    const row: Value[] = new Array(types.length);
    for (let r = 0; r < buffer.length; r++) {
      for (let c = 0; c < types.length; c++) {
        const value = (buffer.columns[c] as Value[])[r] ?? null;
        const type = types[c];
        row[c] =
          value === null
            ? null
            : type === "timestamp"
              ? sqliteTime(value as number)
              : type === "bool"
                ? value
                  ? 1
                  : 0
                : value;
      }
      statement.run(row);
    }
  });
  return {
    async write(buffer) {
      insertAll(buffer);
    },
    async finish() {
      db.exec("ANALYZE");
    },
    async close() {
      db.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const firstNames = [
  "Aisha",
  "Ben",
  "Chloe",
  "Daniel",
  "Ella",
  "Farah",
  "George",
  "Hannah",
  "Isaac",
  "Jade",
  "Kieran",
  "Leah",
  "Mohammed",
  "Nina",
  "Oliver",
  "Priya",
  "Quentin",
  "Rosie",
  "Samuel",
  "Tara",
  "Usman",
  "Victoria",
  "William",
  "Xenia",
  "Yusuf",
  "Zara",
  "Amelia",
  "Callum",
  "Deborah",
  "Ethan",
  "Fiona",
  "Gareth",
  "Holly",
  "Imran",
  "Jessica",
  "Kofi",
  "Lucy",
  "Marek",
  "Niamh",
  "Owen",
  "Paige",
  "Rhys",
  "Sophie",
  "Tomasz",
  "Uma",
  "Vikram",
  "Wendy",
];
const lastNames = [
  "Smith",
  "Jones",
  "Williams",
  "Taylor",
  "Brown",
  "Davies",
  "Evans",
  "Wilson",
  "Thomas",
  "Johnson",
  "Roberts",
  "Robinson",
  "Thompson",
  "Wright",
  "Walker",
  "White",
  "Edwards",
  "Hughes",
  "Green",
  "Hall",
  "Lewis",
  "Harris",
  "Clarke",
  "Patel",
  "Jackson",
  "Wood",
  "Turner",
  "Martin",
  "Cooper",
  "Hill",
  "Ward",
  "Morris",
  "Moore",
  "Clark",
  "Lee",
  "King",
  "Baker",
  "Harrison",
  "Morgan",
  "Allen",
  "James",
  "Scott",
  "Phillips",
  "Watson",
  "Khan",
  "Nowak",
  "O'Brien",
  "Okafor",
];
const evidenceKinds: ReadonlyArray<readonly [string, string]> = [
  ["observation", "Observation of handling a customer complaint"],
  ["observation", "Observation at the service desk"],
  ["product", "Customer records updated after a query"],
  ["product", "Email exchange resolving a delivery problem"],
  ["professionalDiscussion", "Professional discussion on service standards"],
  ["questioning", "Questions and answers on data protection"],
  ["witnessTestimony", "Witness testimony from team leader"],
  ["customerFeedback", "Customer feedback survey responses"],
  ["reflectiveAccount", "Reflective account of a difficult call"],
  ["workplaceDocument", "Team procedures for escalating complaints"],
  ["reflectiveAccount", "Reflective account of improving a process"],
  ["product", "Service improvement proposal"],
];

// ---------------------------------------------------------------------------------------------
// Generation

type UnitInfo = { unitVersionId: string; code: string; criterionIds: string[] };

type Slot = {
  enrolmentId: string;
  criterionId: string;
  status: "PROPOSED" | "SUBMITTED" | "ACCEPTED" | "REJECTED";
  /** When the evidence was submitted (or drafted, for PROPOSED). */
  at: number;
  /** When the assessor reviewed it (ACCEPTED / REJECTED). */
  reviewedAt: number | null;
  assessorId: string;
  /** The row of the standing decision resting on this claim, in the Decision buffer: its evidence snapshot names the evidence once written. */
  decisionRow?: number;
};

type Context = {
  rng: Random;
  now: number;
  centreId: string;
  adminId: string;
  assessorIds: string[];
  iqaIds: string[];
  units: UnitInfo[];
  nextId: () => string;
  buffers: Buffers;
  counts: ScaleCounts;
  /** The new centre's audit chain so far: events are hashed here, in the order they are written. */
  chain: { seq: number; hash: string };
};

function hashOf(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}

function audit(
  ctx: Context,
  actorId: string | null,
  action: string,
  entityType: string,
  entityId: string,
  at: number,
  after: unknown = null,
) {
  const { linked, head } = linkEvents(ctx.centreId, ctx.chain, [
    { centreId: ctx.centreId, actorId, action, entityType, entityId, before: null, after, at: new Date(at) },
  ]);
  const link = linked[0]!;
  ctx.chain = head;
  ctx.buffers.AuditEvent.push([
    ctx.nextId(),
    ctx.centreId,
    actorId,
    action,
    entityType,
    entityId,
    after === null ? null : JSON.stringify(after),
    at,
    link.chainId,
    link.seq,
    link.prevHash,
    link.hash,
  ]);
  ctx.counts.auditEvents++;
}

// long-function: one candidate's simulated history: the account, then enrolment by enrolment the dates and pace, the status, the met criteria with their mapping slots, decisions and audit events, the sign-off or the work in hand, then the evidence; each step uses what the one before worked out, so it reads as one story
function generateCandidate(ctx: Context, index: number, slug: string) {
  const { rng, now, buffers } = ctx;
  const first = rng.pick(firstNames);
  const last = rng.pick(lastNames);
  const candidateId = ctx.nextId();
  const programmeStart = now - rng.between(-30, 730) * DAY;
  const joined = Math.min(programmeStart, now) - rng.between(1, 20) * DAY;
  buffers.User.push([
    candidateId,
    `${first}.${last}.${index}@${slug}.example`.toLowerCase().replace(/'/g, ""),
    `${first} ${last}`,
    null,
    false,
    joined,
    joined,
  ]);
  buffers.Membership.push([ctx.nextId(), candidateId, ctx.centreId, "CANDIDATE", joined]);
  ctx.counts.users++;

  const pace = Math.exp(0.35 * rng.normal());
  const assessorId = rng.pick(ctx.assessorIds);
  const iqaId = rng.pick(ctx.iqaIds);
  const units = rng.chance(0.9) ? rng.shuffle(ctx.units) : rng.shuffle(ctx.units).slice(0, 4);
  const slots: Slot[] = [];
  let offset = 0;

  for (const unit of units) {
    const enrolmentId = ctx.nextId();
    const start = Math.trunc(programmeStart + offset * DAY); // whole milliseconds, as stored
    offset += rng.int(0, 90);
    const lengthDays = rng.pick([270, 365, 455, 545]);
    const plannedEnd = start + lengthDays * DAY;
    const enrolmentAssessor = rng.chance(0.1) ? rng.pick(ctx.assessorIds) : assessorId;
    const created = Math.min(start, now) - rng.between(1, 14) * DAY;
    const total = unit.criterionIds.length;
    const stalled = rng.chance(0.1);
    const enrolmentPace = pace * rng.between(0.85, 1.15) * (stalled ? 0.4 : 1);
    const finishAt = start + (lengthDays / enrolmentPace) * DAY;
    const withdrawn = start < now && rng.chance(0.07);

    let status: "ACTIVE" | "COMPLETED" | "WITHDRAWN" = "ACTIVE";
    let progressUntil = now;
    let withdrawnAt: number | null = null;
    if (withdrawn) {
      status = "WITHDRAWN";
      withdrawnAt = start + rng.between(0.1, 0.9) * (Math.min(now, finishAt) - start);
      progressUntil = withdrawnAt;
    } else if (finishAt <= now) {
      status = "COMPLETED";
      progressUntil = finishAt;
    }
    const elapsedShare = Math.max(0, (progressUntil - start) / (finishAt - start));
    const metCount =
      status === "COMPLETED"
        ? total
        : Math.min(total - 1, Math.max(0, Math.floor(total * elapsedShare * rng.between(0.9, 1.05))));

    // With nothing met yet, as the app creates it; refreshCentreCounters recounts after the load.
    const period = plannedPeriod(new Date(start), new Date(plannedEnd));
    buffers.Enrolment.push([
      enrolmentId,
      ctx.centreId,
      candidateId,
      unit.unitVersionId,
      enrolmentAssessor,
      iqaId,
      start,
      plannedEnd,
      start,
      plannedEnd,
      Number(period.greenUntilMs),
      Number(period.amberUntilMs),
      status,
      withdrawnAt,
      withdrawnAt === null ? null : rng.pick(["Left employment", "Moved to another centre", "Personal reasons"]),
      status === "COMPLETED" ? finishAt - DAY : null,
      status === "COMPLETED" ? "This portfolio is my own work." : null,
      created,
      withdrawnAt ?? (status === "COMPLETED" ? finishAt : created),
    ]);
    ctx.counts.enrolments++;
    audit(ctx, ctx.adminId, "enrolment.create", "Enrolment", enrolmentId, created, { unitCode: unit.code });

    const order = rng.shuffle(unit.criterionIds);
    const span = Math.max(DAY, progressUntil - start);
    for (let i = 0; i < metCount; i++) {
      const criterionId = order[i] as string;
      const signedAt = Math.max(
        start,
        Math.min(progressUntil - 60_000, start + ((i + 1) / (metCount + 1)) * span + rng.between(-3, 3) * DAY),
      );
      const submittedAt = Math.max(start, signedAt - rng.between(2, 20) * DAY);
      if (rng.chance(0.1)) {
        const firstTry = Math.max(start, submittedAt - rng.between(15, 40) * DAY);
        slots.push({
          enrolmentId,
          criterionId,
          status: "REJECTED",
          at: firstTry,
          reviewedAt: firstTry + rng.between(1, 7) * DAY,
          assessorId: enrolmentAssessor,
        });
      }
      const accepted: Slot = {
        enrolmentId,
        criterionId,
        status: "ACCEPTED",
        at: submittedAt,
        reviewedAt: signedAt - rng.between(0, 1) * DAY,
        assessorId: enrolmentAssessor,
      };
      slots.push(accepted);
      if (rng.chance(0.02)) {
        const earlier = Math.max(start, signedAt - rng.between(10, 30) * DAY);
        buffers.Decision.push([
          ctx.nextId(),
          ctx.centreId,
          enrolmentId,
          criterionId,
          "MET",
          enrolmentAssessor,
          earlier,
          "[]",
          hashOf(`${enrolmentId}${criterionId}${earlier}`),
          null,
          earlier + 2 * DAY,
          iqaId,
          "Evidence did not show the whole range; re-assessed.",
        ]);
        ctx.counts.decisions++;
        audit(ctx, enrolmentAssessor, "decision.sign", "Decision", enrolmentId, earlier);
      }
      const decisionId = ctx.nextId();
      buffers.Decision.push([
        decisionId,
        ctx.centreId,
        enrolmentId,
        criterionId,
        "MET",
        enrolmentAssessor,
        signedAt,
        "[]",
        hashOf(`${decisionId}${signedAt}`),
        "current",
        null,
        null,
        null,
      ]);
      accepted.decisionRow = buffers.Decision.length - 1;
      ctx.counts.decisions++;
      audit(ctx, enrolmentAssessor, "decision.sign", "Decision", decisionId, signedAt, { outcome: "MET" });
    }

    if (status === "COMPLETED") {
      buffers.UnitSignOff.push([
        ctx.nextId(),
        enrolmentId,
        enrolmentAssessor,
        "I confirm the evidence is valid, authentic, current and sufficient.",
        finishAt,
        hashOf(`${enrolmentId}${finishAt}`),
        "current",
      ]);
      ctx.counts.unitSignOffs++;
      audit(ctx, enrolmentAssessor, "unit.signOff", "Enrolment", enrolmentId, finishAt);
    } else if (progressUntil > start) {
      // Work in hand: evidence waiting for review, referred back, accepted but not signed, drafts.
      const inHand = Math.min(total - metCount, rng.int(0, 6));
      for (let i = 0; i < inHand; i++) {
        const criterionId = order[metCount + i] as string;
        const roll = rng.float();
        const recent = Math.max(start, progressUntil - rng.between(0, stalled ? 90 : 30) * DAY);
        if (status === "ACTIVE" && roll < 0.4)
          slots.push({
            enrolmentId,
            criterionId,
            status: "SUBMITTED",
            at: recent,
            reviewedAt: null,
            assessorId: enrolmentAssessor,
          });
        else if (roll < 0.65)
          slots.push({
            enrolmentId,
            criterionId,
            status: "PROPOSED",
            at: recent,
            reviewedAt: null,
            assessorId: enrolmentAssessor,
          });
        else if (roll < 0.85)
          slots.push({
            enrolmentId,
            criterionId,
            status: "REJECTED",
            at: recent,
            reviewedAt: Math.min(progressUntil, recent + rng.between(0, 5) * DAY),
            assessorId: enrolmentAssessor,
          });
        else {
          const accepted: Slot = {
            enrolmentId,
            criterionId,
            status: "ACCEPTED",
            at: recent,
            reviewedAt: Math.min(progressUntil, recent + rng.between(0, 5) * DAY),
            assessorId: enrolmentAssessor,
          };
          slots.push(accepted);
          if (rng.chance(0.2)) {
            const at = Math.min(progressUntil - 60_000, recent + DAY);
            buffers.Decision.push([
              ctx.nextId(),
              ctx.centreId,
              enrolmentId,
              criterionId,
              "NOT_YET_MET",
              enrolmentAssessor,
              at,
              "[]",
              hashOf(`${enrolmentId}${criterionId}nym`),
              "current",
              null,
              null,
              null,
            ]);
            accepted.decisionRow = buffers.Decision.length - 1;
            ctx.counts.decisions++;
            audit(ctx, enrolmentAssessor, "decision.sign", "Decision", enrolmentId, at, { outcome: "NOT_YET_MET" });
          }
        }
      }
    }
    if (withdrawnAt !== null) audit(ctx, ctx.adminId, "enrolment.withdraw", "Enrolment", enrolmentId, withdrawnAt);
  }

  writeEvidence(ctx, candidateId, slots);
}

const snapshotColumn = tables.Decision.columns.findIndex(([name]) => name === "evidenceSnapshot");

/** A decision's evidence snapshot, as signing writes it (lib/assessment/signature.ts), naming the accepted claim it rests on. */
function restOn(decisions: TableBuffer, row: number, evidenceId: string, mappingId: string) {
  const snapshot = [{ evidenceId, mappingId, rangeItemIds: [], files: [] }];
  (decisions.columns[snapshotColumn] as Value[])[row] = JSON.stringify(snapshot);
}

/** Groups the candidate's mapping slots into evidence items of three to seven criteria each. */
function writeEvidence(ctx: Context, candidateId: string, slots: Slot[]) {
  const { rng, buffers } = ctx;
  const drafts = slots.filter((s) => s.status === "PROPOSED");
  const waiting = slots.filter((s) => s.status === "SUBMITTED");
  const reviewed = slots.filter((s) => s.status === "ACCEPTED" || s.status === "REJECTED");
  for (const group of [drafts, waiting, reviewed]) {
    group.sort((a, b) => a.at - b.at);
    let i = 0;
    while (i < group.length) {
      const size = rng.int(3, 7);
      const members: Slot[] = [];
      const keys = new Set<string>();
      while (i < group.length && members.length < size) {
        const slot = group[i] as Slot;
        const key = `${slot.enrolmentId}:${slot.criterionId}`;
        if (keys.has(key)) break;
        keys.add(key);
        members.push(slot);
        i++;
      }
      const firstSlot = members[0] as Slot;
      const submitted = firstSlot.status !== "PROPOSED";
      const submittedAt = firstSlot.at;
      const evidenceId = ctx.nextId();
      const [method, title] = rng.pick(evidenceKinds);
      const activity = submittedAt - rng.between(1, 10) * DAY;
      const created = submittedAt - rng.between(0, 3) * DAY;
      const updated = Math.max(...members.map((m) => m.reviewedAt ?? m.at));
      buffers.Evidence.push([
        evidenceId,
        ctx.centreId,
        candidateId,
        title,
        method,
        activity,
        `${title}. Shows how I handled the situation and what I learned.`,
        false,
        submitted ? submittedAt : null,
        submitted ? "This evidence is my own work." : null,
        1,
        created,
        updated,
      ]);
      ctx.counts.evidence++;
      audit(ctx, candidateId, "evidence.create", "Evidence", evidenceId, created);
      if (submitted) audit(ctx, candidateId, "evidence.submit", "Evidence", evidenceId, submittedAt);
      for (const m of members) {
        const mappingId = ctx.nextId();
        if (m.decisionRow !== undefined) restOn(buffers.Decision, m.decisionRow, evidenceId, mappingId);
        buffers.Mapping.push([
          mappingId,
          evidenceId,
          m.criterionId,
          m.enrolmentId,
          m.status,
          m.status === "REJECTED"
            ? "This does not yet show the whole range; add an example with a different customer."
            : null,
          m.reviewedAt === null ? null : m.assessorId,
          m.reviewedAt,
          created,
          m.reviewedAt ?? Math.max(created, m.at),
        ]);
        ctx.counts.mappings++;
      }
    }
  }
}

async function loadUnits(databaseUrl: string, slug: string): Promise<UnitInfo[]> {
  const db = createDb(databaseUrl);
  try {
    if (await db.centre.findUnique({ where: { slug }, select: { id: true } })) {
      throw new Error(
        `a centre with slug "${slug}" already exists in this database; choose another with --centre-slug`,
      );
    }
    const report = await importStandards(db);
    if (report.errors.length) throw new Error(`standards import failed: ${report.errors.join("; ")}`);
    const versions = await db.unitVersion.findMany({
      orderBy: [{ unitId: "asc" }, { number: "desc" }],
      select: {
        id: true,
        unitId: true,
        unit: { select: { code: true } },
        criteria: { select: { id: true }, orderBy: { position: "asc" } },
      },
    });
    const latest = new Map<string, UnitInfo>();
    for (const v of versions) {
      if (!latest.has(v.unitId))
        latest.set(v.unitId, { unitVersionId: v.id, code: v.unit.code, criterionIds: v.criteria.map((c) => c.id) });
    }
    return [...latest.values()].sort((a, b) => a.code.localeCompare(b.code));
  } finally {
    await db.$disconnect();
  }
}

/** Creates one centre with its staff and `candidates` candidates' progress. */
// long-function: one seeding run in order: the options, the id maker and writer, the centre and its staff, each batch of candidates, the audit chain head and the recounted figures; each step is short and feeds the next
export async function seedScale(options: ScaleOptions): Promise<ScaleReport> {
  const started = performance.now();
  const provider: Provider = providerOf(options.databaseUrl);
  const now = (options.now ?? new Date()).getTime();
  const seed = options.seed ?? 20_261_123;
  const rng = new Random(seed);
  const log = options.log ?? (() => {});
  const slug = options.centreSlug ?? `scale-${options.candidates}`;
  const units = await loadUnits(options.databaseUrl, slug);
  if (units.length === 0) throw new Error("no units: import the standards first");

  const runTag = crypto.createHash("sha256").update(`${slug}:${seed}:${now}`).digest("hex").slice(0, 6);
  let counter = 0;
  const nextId = () => `s${runTag}${(counter++).toString(36).padStart(7, "0")}`;

  const writer =
    provider === "postgresql" ? await postgresWriter(options.databaseUrl) : sqliteWriter(options.databaseUrl);
  const counts: ScaleCounts = {
    users: 0,
    enrolments: 0,
    evidence: 0,
    mappings: 0,
    decisions: 0,
    auditEvents: 0,
    unitSignOffs: 0,
  };
  const buffers = makeBuffers();
  const flush = async () => {
    for (const name of insertOrder) {
      if (buffers[name].length) await writer.write(buffers[name]);
      buffers[name].clear();
    }
  };

  try {
    const centreId = nextId();
    const founded = now - 800 * DAY;
    buffers.Centre.push([
      centreId,
      options.centreName ?? `Scale Test Centre (${options.candidates} candidates)`,
      slug,
      options.timeZone ?? DEFAULT_TIME_ZONE,
      founded,
    ]);
    const staff = (role: string, count: number, label: string) =>
      Array.from({ length: count }, (_, i) => {
        const id = nextId();
        const first = rng.pick(firstNames);
        const last = rng.pick(lastNames);
        buffers.User.push([id, `${label}${i + 1}@${slug}.example`, `${first} ${last}`, null, false, founded, founded]);
        buffers.Membership.push([nextId(), id, centreId, role, founded]);
        counts.users++;
        return id;
      });
    const [adminId] = staff("CENTRE_ADMIN", 1, "admin");
    if (!adminId) throw new Error("no admin");
    const assessorIds = staff("ASSESSOR", Math.max(3, Math.round(options.candidates / 50)), "assessor");
    const iqaIds = staff("IQA", Math.max(1, Math.round(options.candidates / 500)), "iqa");
    await flush();

    const ctx: Context = {
      rng,
      now,
      centreId,
      adminId,
      assessorIds,
      iqaIds,
      units,
      nextId,
      buffers,
      counts,
      chain: { seq: 0, hash: GENESIS_HASH },
    };
    const batchSize = options.batchSize ?? 500;
    for (let i = 0; i < options.candidates; i++) {
      generateCandidate(ctx, i + 1, slug);
      if ((i + 1) % batchSize === 0 || i + 1 === options.candidates) {
        await flush();
        log(
          `  ${i + 1} / ${options.candidates} candidates written (${Math.round((performance.now() - started) / 1000)} s)`,
        );
      }
    }
    // The centre's audit chain ends where its last event does: the app appends after it.
    buffers.AuditChainHead.push([centreId, ctx.chain.seq, ctx.chain.hash]);
    await flush();
    // The enrolments' stored figures, recounted from the rows just written as the app does.
    const db = createDb(options.databaseUrl);
    try {
      await refreshCentreCounters(db, centreId);
      await refreshCentreMetTally(db, provider, centreId);
    } finally {
      await db.$disconnect();
    }
    log(`  enrolment figures counted (${Math.round((performance.now() - started) / 1000)} s)`);
    await writer.finish();
    return { centreId, adminUserId: adminId, assessorIds, counts, ms: performance.now() - started };
  } finally {
    await writer.close();
  }
}
