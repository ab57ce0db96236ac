import crypto from "node:crypto";
import readline from "node:readline";
import { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { decideCriterion } from "@/lib/assessment/decide-criterion";
import { signOffUnit } from "@/lib/assessment/sign-off-unit";
import { loadActor, type SessionActor } from "@/lib/auth/actor";
import { createDb, type Db } from "@/lib/db/client";
import { receiveUpload } from "@/lib/evidence/receive-upload";
import { importCandidatesCsv } from "@/lib/people/import-candidates-csv";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import {
  CRASH_PASSWORD,
  IMPORT_ROWS,
  importEmail,
  operations,
  UPLOAD_BYTES,
  UPLOAD_CHUNK_BYTES,
  type DriverConfig,
  type Operation,
} from "./config";

// A stand-in for a server process, for tests/integration/crash-safety.test.ts to kill with
// SIGKILL part-way through its work. It runs an upload, a decision, a unit sign-off and a CSV
// import in turn, over and over, through the same functions the app's route handler and
// server actions call, and prints a line at each step so the test can choose its moment.
// Usage: tsx tests/helpers/crash/driver.ts '<DriverConfig as JSON>'; it prints "ready", waits
// for "go" on stdin, then works until it is killed.

const config = JSON.parse(process.argv[2] ?? "") as DriverConfig;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function actor(db: Db, userId: string): Promise<SessionActor> {
  const loaded = await loadActor(db, userId);
  if (!loaded) throw new Error(`driver: no actor for ${userId}`);
  return loaded;
}

/** A PDF-looking file, sent in chunks with a pause after each: a slow client. */
function slowPdf(): Readable {
  const header = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1");
  async function* chunks() {
    for (let sent = 0; sent < UPLOAD_BYTES; sent += UPLOAD_CHUNK_BYTES) {
      const chunk = crypto.randomBytes(Math.min(UPLOAD_CHUNK_BYTES, UPLOAD_BYTES - sent));
      if (sent === 0) header.copy(chunk);
      yield chunk;
      if ((sent / UPLOAD_CHUNK_BYTES) % 8 === 7) say(`upload:sent ${sent + chunk.length}`);
      await sleep(4);
    }
  }
  return Readable.from(chunks());
}

type Steps = Record<Operation, (round: number) => Promise<string | null>>;

async function steps(db: Db): Promise<Steps> {
  const candidate = await actor(db, config.candidateId);
  const assessor = await actor(db, config.assessorId);
  const admin = await actor(db, config.adminId);
  const storage = new LocalDiskStorage(config.storageDir);
  const decideEnrolment = await db.enrolment.findUniqueOrThrow({ where: { id: config.decideEnrolmentId } });

  return {
    upload: async (round) => {
      const file = await receiveUpload({
        db,
        actor: candidate,
        evidenceId: config.uploadEvidenceId,
        fileName: `crash-${config.run}-${round}.pdf`,
        body: slowPdf(),
        declaredLength: UPLOAD_BYTES,
        maxBytes: 1024 ** 3,
        quotaBytes: 1024 ** 4,
        storage,
      });
      return file.id;
    },
    decide: async () => {
      const criterion = await db.criterion.findFirst({
        where: {
          unitVersionId: decideEnrolment.unitVersionId,
          decisions: { none: { enrolmentId: decideEnrolment.id, currentSlot: "current" } },
        },
        orderBy: { position: "asc" },
      });
      if (!criterion) return null;
      const decision = await decideCriterion(db, assessor, {
        enrolmentId: decideEnrolment.id,
        criterionId: criterion.id,
        outcome: "MET",
        password: CRASH_PASSWORD,
      });
      return decision.id;
    },
    signOff: async () => {
      const enrolment = await db.enrolment.findFirst({
        where: { id: { in: config.signOffEnrolmentIds }, status: "ACTIVE" },
        orderBy: { id: "asc" },
      });
      if (!enrolment) return null;
      const signed = await signOffUnit(db, assessor, {
        enrolmentId: enrolment.id,
        declaration: "I confirm the evidence is valid, authentic, current and sufficient.",
        password: CRASH_PASSWORD,
      });
      return signed.id;
    },
    import: async (round) => {
      const rows = Array.from(
        { length: IMPORT_ROWS },
        (_, i) => `Crash Person ${i},${importEmail(config.run, round, i)}`,
      );
      const text = ["name,email", ...rows].join("\n");
      const report = await importCandidatesCsv(
        db,
        admin,
        { text, sizeBytes: Buffer.byteLength(text) },
        { baseUrl: "http://crash.test" },
      );
      if (!report.imported) throw new Error(`driver: import refused: ${JSON.stringify(report.fileProblems)}`);
      return String(report.counts.invited);
    },
  };
}

async function waitForGo(): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === "go") return;
  // The test went away without starting us.
  process.exit(0);
}

async function main(): Promise<void> {
  const db = createDb(config.databaseUrl);
  const run = await steps(db);
  say("ready");
  await waitForGo();
  for (let round = 0; ; round++) {
    for (const operation of operations) {
      say(`${operation}:begin ${round}`);
      const done = await run[operation](round);
      say(`${operation}:done ${round} ${done ?? "nothing left"}`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`driver failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
