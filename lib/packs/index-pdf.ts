import fs from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import { methodLabel } from "../evidence/methods";
import { formatDate, formatDateTime } from "../format/date";
import type { PackContents, PackCriterion, PackDecision, PackEnrolment, PackEvidence } from "./contents";
import type { ManifestEvidenceFile } from "./manifest";

// index.pdf of an evidence pack: for each candidate and unit, the criteria with their status and
// range coverage, the decisions with who signed and when and whether the signature still
// verifies, and the evidence with its method, date, files and their SHA-256 (a missing file is
// named as missing). Written in DejaVu Sans, shipped in lib/packs/fonts and embedded (only the
// characters used), so names in any Latin, Greek or Cyrillic script appear as written and
// nothing depends on the machine's fonts. A character DejaVu lacks (Chinese, say) is drawn as an
// empty box; manifest.json keeps every name exactly.

export type IndexFacts = {
  packId: string;
  createdAt: Date;
  createdBy: string;
  scopeTitle: string;
  scopeWords: string;
  contents: PackContents;
  /** Each evidence item's files as the manifest lists them (path or missing, hash). */
  files: Map<string, ManifestEvidenceFile[]>;
};

type Doc = InstanceType<typeof PDFDocument>;

const fontFiles = { body: "DejaVuSans.ttf", bold: "DejaVuSans-Bold.ttf" } as const;
let fonts: Record<keyof typeof fontFiles, Buffer> | undefined;

/** The two fonts, read once per process (from the app's directory, where next start runs). */
function packFonts(): Record<keyof typeof fontFiles, Buffer> {
  fonts ??= {
    body: fs.readFileSync(path.join(process.cwd(), "lib/packs/fonts", fontFiles.body)),
    bold: fs.readFileSync(path.join(process.cwd(), "lib/packs/fonts", fontFiles.bold)),
  };
  return fonts;
}

function heading(doc: Doc, text: string, size: number) {
  doc.moveDown(0.6).font("bold").fontSize(size).fillColor("black").text(text);
  doc.moveDown(0.2).font("body").fontSize(10);
}

function line(
  doc: Doc,
  text: string,
  options: { indent?: number; size?: number; bold?: boolean; grey?: boolean } = {},
) {
  doc
    .font(options.bold ? "bold" : "body")
    .fontSize(options.size ?? 10)
    .fillColor(options.grey ? "#444444" : "black")
    .text(text, { indent: options.indent ?? 0 });
}

const outcomeWords = { MET: "Met", NOT_YET_MET: "Not yet met" } as const;

/** "Range (at least 3 of 5): 2 covered by accepted evidence, 4 claimed in all." */
export function rangeWords(range: NonNullable<PackCriterion["range"]>): string {
  const total = range.items.length;
  const rule =
    range.rule === "all"
      ? `all ${total} to cover`
      : range.rule === "atLeast"
        ? `at least ${range.accepted.required} of ${total} to cover`
        : `${total} items, no rule stated`;
  const met = range.rule && range.accepted.satisfied ? " The rule is met." : "";
  return `Range (${rule}): ${range.accepted.covered} covered by accepted evidence, ${range.claimed.covered} claimed in all.${met}`;
}

function criterionLines(doc: Doc, criterion: PackCriterion) {
  line(doc, `${criterion.ref}  ${criterion.text}`, { bold: true });
  line(doc, `Status: ${criterion.statusLabel}`, { indent: 14 });
  if (criterion.range) line(doc, rangeWords(criterion.range), { indent: 14 });
  const covered = criterion.range?.items.filter((i) => i.acceptedCover).map((i) => i.text) ?? [];
  if (covered.length) line(doc, `Covered by accepted evidence: ${covered.join("; ")}`, { indent: 14, grey: true });
  doc.moveDown(0.2);
}

function decisionLines(doc: Doc, decision: PackDecision, timeZone: string) {
  const signature = decision.signatureVerifies ? "signature verifies" : "SIGNATURE DOES NOT VERIFY";
  line(
    doc,
    `${decision.criterionRef}: ${outcomeWords[decision.outcome]}, signed by ${decision.signedBy.name} on ${formatDateTime(decision.signedAt, timeZone)}; ${signature}.`,
  );
  if (decision.revokedAt)
    line(
      doc,
      `Revoked on ${formatDateTime(decision.revokedAt, timeZone)}${decision.revokedBy ? ` by ${decision.revokedBy.name}` : ""}${decision.revokeReason ? `: ${decision.revokeReason}` : ""}.`,
      { indent: 14, grey: true },
    );
  line(doc, `Signature hash ${decision.signatureHash}`, { indent: 14, size: 7, grey: true });
}

function evidenceLines(doc: Doc, evidence: PackEvidence, files: ManifestEvidenceFile[], timeZone: string) {
  line(doc, evidence.title, { bold: true });
  line(
    doc,
    `${methodLabel(evidence.method)}, ${formatDate(evidence.activityDate, timeZone)}${evidence.version > 1 ? `, version ${evidence.version}` : ""}${evidence.submittedAt ? `, submitted ${formatDate(evidence.submittedAt, timeZone)}` : ""}. Evidence ${evidence.id}.`,
    { indent: 14 },
  );
  if (files.length === 0)
    line(doc, "No files (a workplace document reference or written record).", { indent: 14, grey: true });
  for (const file of files) {
    const where = file.missing
      ? "MISSING from storage when this pack was made"
      : `${file.path}${file.matchesRecord === false ? " (stored bytes differ from the hash recorded at upload)" : ""}`;
    line(doc, `${file.name}: ${where}`, { indent: 14 });
    line(doc, `SHA-256 ${file.recordedSha256}, ${file.recordedSize} bytes`, { indent: 28, size: 7, grey: true });
  }
  doc.moveDown(0.2);
}

function enrolmentPages(doc: Doc, enrolment: PackEnrolment, facts: IndexFacts) {
  const { timeZone } = facts.contents.centre;
  doc.addPage();
  heading(doc, `${enrolment.candidate.name}: ${enrolment.unit.code} ${enrolment.unit.title}`, 15);
  line(
    doc,
    `Unit version ${enrolment.unit.versionNumber}${enrolment.unit.sourceVersion ? ` (source version ${enrolment.unit.sourceVersion})` : ""}; CASE document ${enrolment.unit.caseDocumentId}.`,
  );
  line(
    doc,
    `Enrolment ${enrolment.id}, ${enrolment.status.toLowerCase()}; assessor ${enrolment.assessor?.name ?? "none assigned"}.`,
  );
  heading(doc, "Criteria", 12);
  for (const group of enrolment.groups) {
    line(doc, group.ref ? `${group.ref} ${group.title}` : group.title, { bold: true, size: 11 });
    doc.moveDown(0.2);
    for (const criterion of group.criteria) criterionLines(doc, criterion);
  }
  heading(doc, "Decisions", 12);
  if (enrolment.decisions.length === 0) line(doc, "No decisions have been signed.");
  for (const decision of enrolment.decisions) decisionLines(doc, decision, timeZone);
  heading(doc, "Evidence", 12);
  if (enrolment.evidenceIds.length === 0) line(doc, "No evidence is in this pack for this unit.");
  for (const id of enrolment.evidenceIds) {
    const evidence = facts.contents.evidence.get(id);
    if (evidence) evidenceLines(doc, evidence, facts.files.get(id) ?? [], timeZone);
  }
}

/** index.pdf as a stream; the caller pipes it into the pack. */
export function writeIndexPdf(facts: IndexFacts): NodeJS.ReadableStream {
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    info: {
      Title: `Evidence pack: ${facts.scopeTitle}`,
      Producer: "Competence Portfolio",
      Creator: "Competence Portfolio",
    },
  });
  const { body, bold } = packFonts();
  doc.registerFont("body", body).registerFont("bold", bold).font("body");
  const { centre, enrolments } = facts.contents;
  heading(doc, "Evidence pack", 20);
  line(doc, facts.scopeTitle, { bold: true, size: 13 });
  line(doc, facts.scopeWords);
  line(
    doc,
    `${centre.name}. Made on ${formatDateTime(facts.createdAt, centre.timeZone)} (${centre.timeZone}) for ${facts.createdBy}.`,
  );
  line(
    doc,
    `Pack ${facts.packId}. manifest.json lists every file with its SHA-256; check the pack with npm run pack:verify.`,
  );
  const missing = [...facts.files.values()].flat().filter((f) => f.missing);
  if (missing.length) {
    heading(doc, "Files missing from storage", 12);
    for (const file of missing) line(doc, `${file.name} (file ${file.id})`);
  }
  heading(doc, "Contents", 12);
  if (enrolments.length === 0) line(doc, "Nothing is in scope.");
  for (const e of enrolments)
    line(doc, `${e.candidate.name}: ${e.unit.code} ${e.unit.title} (version ${e.unit.versionNumber})`);
  for (const enrolment of enrolments) enrolmentPages(doc, enrolment, facts);
  doc.end();
  return doc;
}
