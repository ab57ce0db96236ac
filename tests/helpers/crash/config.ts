// What the crash-safety test (tests/integration/crash-safety.test.ts) and the driver it kills
// (tests/helpers/crash/driver.ts) agree on.

/** The operations the driver runs, in this order, over and over. */
export const operations = ["upload", "decide", "signOff", "import"] as const;
export type Operation = (typeof operations)[number];

/**
 * The driver's PostgreSQL connections carry this application_name, so the test can see in
 * pg_stat_activity when one of them has a write transaction open, and when they are all gone.
 */
export const DRIVER_APPLICATION_NAME = "crash-driver";

export const CRASH_PASSWORD = "crash-password-2026";

/** Bytes in each uploaded file, sent in 64 KiB chunks with a pause after each. */
export const UPLOAD_BYTES = 4 * 1024 * 1024;
export const UPLOAD_CHUNK_BYTES = 64 * 1024;

/** People in each CSV import: one file, one transaction. */
export const IMPORT_ROWS = 400;

/** The email of row `row` (0-based) of the `batch`-th import of the `run`-th driver. */
export function importEmail(run: number, batch: number, row: number): string {
  return `crash-${run}-${batch}-${row}@import.example`;
}

export type DriverConfig = {
  run: number;
  databaseUrl: string;
  storageDir: string;
  centreId: string;
  candidateId: string;
  assessorId: string;
  adminId: string;
  /** The candidate's evidence that files are uploaded to (not submitted, so it may change). */
  uploadEvidenceId: string;
  /** The candidate's enrolment whose criteria have accepted evidence, waiting for decisions. */
  decideEnrolmentId: string;
  /** Enrolments with every criterion met, every requirement confirmed and declared: ready to sign off. */
  signOffEnrolmentIds: string[];
};
