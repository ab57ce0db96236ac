import Papa from "papaparse";
import { z } from "zod";
import { recordAudit, recordAudits } from "../audit";
import { authorize } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import { actingCentreId, type CentreActor } from "./acting-centre";
import { INVITATION_VALID_DAYS, invitationLink, invitationMessage, newInvitationToken } from "./invitation";
import { memberAtCentre, membershipFields } from "./membership";

export const CSV_MAX_BYTES = 1024 * 1024;
export const CSV_MAX_ROWS = 5000;
const day = 86_400_000;

export type ImportRowOutcome =
  /** The row has problems; nothing in the file was imported. */
  | "invalid"
  /** Invited as a candidate here: new and existing emails read the same (ADR 0009). */
  | "invited"
  /** Already a candidate at this centre (invited, active or deactivated): nothing to do. */
  | "unchanged";

export type ImportRowReport = {
  /** The row number a spreadsheet shows: the header is row 1. */
  row: number;
  name: string;
  email: string;
  problems: string[];
  outcome: ImportRowOutcome;
  invitationLink: string | null;
};

export type ImportReport = {
  imported: boolean;
  /** Problems with the file as a whole (size, header, number of rows). */
  fileProblems: string[];
  /** When nothing was imported: the rows with problems. When imported: every row. */
  rows: ImportRowReport[];
  counts: { rows: number; invalid: number; invited: number; unchanged: number };
  outboxMessageIds: string[];
};

const nameCell = z.string().trim().min(1, "name is missing").max(200, "name is longer than 200 characters");
const emailCell = z
  .string()
  .trim()
  .min(1, "email is missing")
  .max(320, "email is longer than 320 characters")
  .pipe(z.email("email is not a valid email address"))
  .transform((email) => email.toLowerCase());

function failed(fileProblems: string[], rows: ImportRowReport[] = [], total = 0): ImportReport {
  return {
    imported: false,
    fileProblems,
    rows,
    counts: { rows: total, invalid: rows.length, invited: 0, unchanged: 0 },
    outboxMessageIds: [],
  };
}

function parseErrorText(code: string): string {
  if (code === "MissingQuotes") return "has a quotation mark that is not closed";
  if (code === "InvalidQuotes") return "has a quotation mark in the wrong place";
  return "could not be read as CSV";
}

type CleanRow = { row: number; name: string; email: string };

/**
 * Reads a CSV of candidates (header row "name,email", in either order, other columns ignored)
 * and checks every row. If any row has a problem, nothing is imported and the report names each
 * row and problem; otherwise every person is invited as a candidate of the admin's centre, in one
 * transaction. As with a single invitation, the report never tells an existing account from a new
 * one, and the role waits until the person accepts (docs/decisions/0009-membership-lifecycle.md).
 */
export async function importCandidatesCsv(
  db: Db,
  actor: CentreActor,
  file: { text: string; sizeBytes: number },
  options: { baseUrl: string; now?: Date },
): Promise<ImportReport> {
  const centreId = actingCentreId(actor, "user.invite");
  authorize(actor, "user.invite", { kind: "centre", centreId });
  const now = options.now ?? new Date();

  if (file.sizeBytes > CSV_MAX_BYTES || Buffer.byteLength(file.text, "utf8") > CSV_MAX_BYTES) {
    return failed(["The file is larger than 1 MB. Split it into smaller files and import each one."]);
  }
  const parsed = Papa.parse<string[]>(file.text.replace(/^\uFEFF/, ""), { header: false, skipEmptyLines: false });
  const records = parsed.data;
  const header = (records[0] ?? []).map((cell) => cell.trim().toLowerCase());
  const nameColumn = header.indexOf("name");
  const emailColumn = header.indexOf("email");
  if (nameColumn < 0 || emailColumn < 0) {
    return failed([
      `The first row must name the columns: name,email. ${header.some(Boolean) ? `It has: ${header.filter(Boolean).join(", ")}.` : "It is empty."} Add a header row and upload the file again.`,
    ]);
  }

  const parseProblems = new Map<number, string[]>();
  for (const error of parsed.errors) {
    if (error.row === undefined || error.row === null) continue;
    const row = error.row + 1;
    parseProblems.set(row, [...(parseProblems.get(row) ?? []), parseErrorText(error.code)]);
  }

  const dataRows = records
    .map((cells, index) => ({ cells, row: index + 1 }))
    .slice(1)
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ""));
  if (dataRows.length === 0)
    return failed([
      "The file has a header row but no people under it. Add one row per candidate: their name, then their email.",
    ]);
  if (dataRows.length > CSV_MAX_ROWS) {
    return failed(
      [
        `The file has ${dataRows.length} rows of people; import at most ${CSV_MAX_ROWS} at a time. Split it into smaller files.`,
      ],
      [],
      dataRows.length,
    );
  }

  const { clean, invalid } = checkRows(dataRows, { nameColumn, emailColumn }, parseProblems);
  if (invalid.length > 0) return failed([], invalid, dataRows.length);

  try {
    return await db.$transaction((tx) => inviteRows(tx, actor, centreId, clean, { baseUrl: options.baseUrl, now }), {
      maxWait: 10_000,
      timeout: 120_000,
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        "Some of these people were added by someone else while the file was importing. Nothing was imported; upload the file again.",
        String(error),
      );
    }
    throw error;
  }
}

/** Each row's name and email checked (and each email once in the file): the clean rows, and the rest with their problems. */
function checkRows(
  dataRows: { cells: string[]; row: number }[],
  { nameColumn, emailColumn }: { nameColumn: number; emailColumn: number },
  parseProblems: Map<number, string[]>,
): { clean: CleanRow[]; invalid: ImportRowReport[] } {
  const clean: CleanRow[] = [];
  const invalid: ImportRowReport[] = [];
  const firstRowOfEmail = new Map<string, number>();
  for (const { cells, row } of dataRows) {
    const rawName = cells[nameColumn] ?? "";
    const rawEmail = cells[emailColumn] ?? "";
    const problems = [...(parseProblems.get(row) ?? [])];
    const name = nameCell.safeParse(rawName);
    const email = emailCell.safeParse(rawEmail);
    if (!name.success) problems.push(...name.error.issues.map((issue) => issue.message));
    if (!email.success) problems.push(...email.error.issues.map((issue) => issue.message));
    if (email.success) {
      const earlier = firstRowOfEmail.get(email.data);
      if (earlier !== undefined)
        problems.push(`email is the same as row ${earlier}; each person can be on the file once`);
      else firstRowOfEmail.set(email.data, row);
    }
    if (problems.length > 0 || !name.success || !email.success) {
      invalid.push({
        row,
        name: rawName.trim(),
        email: rawEmail.trim(),
        problems,
        outcome: "invalid",
        invitationLink: null,
      });
    } else {
      clean.push({ row, name: name.data, email: email.data });
    }
  }
  return { clean, invalid };
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// The rows an import writes, in bulk, once every person has been planned.
type NewMembership = {
  userId: string;
  centreId: string;
  role: "CANDIDATE";
  createdAt: Date;
  awaitingAcceptance: boolean;
  invitedName: string | null;
};
type NewInvitation = {
  tokenHash: string;
  userId: string;
  centreId: string;
  createdById: string;
  expiresAt: Date;
  createdAt: Date;
};
type NewMessage = { centreId: string; to: string; subject: string; body: string; createdAt: Date };
type PlannedWrites = {
  memberships: NewMembership[];
  invitations: NewInvitation[];
  messages: NewMessage[];
  audits: NewAudit[];
};
type NewAudit = {
  actorId: string;
  centreId: string;
  action: string;
  entityType: string;
  entityId: string;
  after: object;
  at: Date;
};

/** Each row's account by email, with its memberships at the centre; the missing ones made in bulk. */
async function accountsFor(tx: Tx, clean: CleanRow[], centreId: string, now: Date) {
  const existing = await tx.user.findMany({
    where: { email: { in: clean.map((r) => r.email) } },
    select: { id: true, email: true, memberships: { where: { centreId }, select: membershipFields } },
  });
  const existingByEmail = new Map(existing.map((user) => [user.email, user]));

  const newRows = clean.filter((r) => !existingByEmail.has(r.email));
  const created = newRows.length
    ? await tx.user.createManyAndReturn({
        data: newRows.map((r) => ({ email: r.email, name: r.name, createdAt: now })),
        select: { id: true, email: true },
      })
    : [];
  const createdByEmail = new Map(created.map((user) => [user.email, { ...user, memberships: [] }]));
  return (email: string) => existingByEmail.get(email) ?? createdByEmail.get(email);
}

/** Inside the import's one transaction: each clean row's person invited as a candidate, or left as they are. */
async function inviteRows(
  tx: Tx,
  actor: CentreActor,
  centreId: string,
  clean: CleanRow[],
  { baseUrl, now }: { baseUrl: string; now: Date },
): Promise<ImportReport> {
  const centre = await tx.centre.findUniqueOrThrow({
    where: { id: centreId },
    select: { id: true, name: true, timeZone: true },
  });
  const accountOf = await accountsFor(tx, clean, centreId, now);

  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * day);
  const reports: ImportRowReport[] = [];
  const memberships: NewMembership[] = [];
  const invitations: NewInvitation[] = [];
  const messages: NewMessage[] = [];
  const audits: NewAudit[] = [];

  for (const r of clean) {
    const user = accountOf(r.email);
    if (!user) throw new Error(`import: no user for ${r.email} after createManyAndReturn`);
    // Only this centre's rows are read: nothing here depends on other centres.
    const here = memberAtCentre({ name: r.name }, user.memberships);
    if (here.roles.includes("CANDIDATE")) {
      reports.push({
        row: r.row,
        name: here.name,
        email: r.email,
        problems: [],
        outcome: "unchanged",
        invitationLink: null,
      });
      continue;
    }
    const awaitingAcceptance = user.memberships.length === 0 || here.awaiting;
    const name = awaitingAcceptance && here.roles.length === 0 ? r.name : here.name;
    memberships.push({
      userId: user.id,
      centreId,
      role: "CANDIDATE",
      createdAt: now,
      awaitingAcceptance,
      invitedName: awaitingAcceptance ? name : null,
    });
    const { token, tokenHash } = newInvitationToken();
    const link = invitationLink(baseUrl, token);
    invitations.push({
      tokenHash,
      userId: user.id,
      centreId,
      createdById: actor.userId,
      expiresAt,
      createdAt: now,
    });
    const message = invitationMessage({ name, centre, roles: ["CANDIDATE"], link, expiresAt });
    messages.push({ centreId, to: user.email, subject: message.subject, body: message.text, createdAt: now });
    audits.push({
      actorId: actor.userId,
      centreId,
      action: "person.importCandidate",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name, rolesAdded: ["CANDIDATE"], row: r.row },
      at: now,
    });
    reports.push({ row: r.row, name, email: r.email, problems: [], outcome: "invited", invitationLink: link });
  }

  const written = { memberships, invitations, messages, audits };
  return writeImport(tx, { actorId: actor.userId, centreId }, clean.length, written, reports);
}

/** Writes what the import planned, in bulk, with one audit event per person and one for the import. */
async function writeImport(
  tx: Tx,
  { actorId, centreId }: { actorId: string; centreId: string },
  rowCount: number,
  { memberships, invitations, messages, audits }: PlannedWrites,
  reports: ImportRowReport[],
): Promise<ImportReport> {
  if (memberships.length) await tx.membership.createMany({ data: memberships });
  if (invitations.length) await tx.invitation.createMany({ data: invitations });
  const queued = messages.length
    ? await tx.outboxMessage.createManyAndReturn({ data: messages, select: { id: true } })
    : [];
  // One event per person (so their page shows it), written in bulk, plus one for the import.
  if (audits.length) await recordAudits(tx, audits);
  const counts = {
    rows: rowCount,
    invalid: 0,
    invited: reports.filter((r) => r.outcome === "invited").length,
    unchanged: reports.filter((r) => r.outcome === "unchanged").length,
  };
  await recordAudit(tx, {
    actorId,
    centreId,
    action: "people.importCandidates",
    entityType: "Centre",
    entityId: centreId,
    after: counts,
  });
  return { imported: true, fileProblems: [], rows: reports, counts, outboxMessageIds: queued.map((m) => m.id) };
}
