import { z } from "zod";

// What casePackageToUnit accepts, and how its messages name the objects of a package.

/** A package that cannot become a unit. The message is one line and names the offending object. */
export class CaseImportError extends Error {
  override name = "CaseImportError";
}

export type CaseImportOptions = {
  /** Import under this code instead of the one the package gives. */
  code?: string;
  /** Told about every assumption made for a package not written by this application. */
  warn?: (message: string) => void;
};

// Tolerant on purpose (docs: "Importing packages written by other systems"): only what the
// conversion reads is checked, dates are not, unknown properties are allowed.
const optionalText = z.string().nullish();
const NodeLink = z.looseObject({
  identifier: z.string().min(1),
  uri: z.string().nullish(),
  title: z.string().nullish(),
});
const ItemInput = z.looseObject({
  identifier: z.string().min(1),
  fullStatement: optionalText,
  alternativeLabel: optionalText,
  abbreviatedStatement: optionalText,
  humanCodingScheme: optionalText,
  listEnumeration: z.union([z.string(), z.number()]).nullish(),
  CFItemType: optionalText,
  notes: optionalText,
});
export type ItemInput = z.infer<typeof ItemInput>;
const AssociationInput = z.looseObject({
  identifier: z.string().nullish(),
  associationType: z.string(),
  sequenceNumber: z.union([z.number(), z.string()]).nullish(),
  originNodeURI: NodeLink,
  destinationNodeURI: NodeLink,
});
export type AssociationInput = z.infer<typeof AssociationInput>;
const PackageInput = z.looseObject({
  CFDocument: z.looseObject({
    identifier: z.string().min(1),
    title: z.string(),
    creator: optionalText,
    description: optionalText,
    version: optionalText,
    statusStartDate: optionalText,
    notes: optionalText,
    // Not CASE 1.0, but some exporters put the framework's code there.
    humanCodingScheme: optionalText,
  }),
  CFItems: z.array(ItemInput).nullish(),
  CFAssociations: z.array(AssociationInput).nullish(),
});
export type PackageInput = z.infer<typeof PackageInput>;
export type DocumentInput = PackageInput["CFDocument"];

export function issuePath(path: readonly PropertyKey[]): string {
  return (
    path.map((s, i) => (typeof s === "number" ? `[${s}]` : `${i === 0 ? "" : "."}${String(s)}`)).join("") || "(root)"
  );
}

/** The package's shape checked, unwrapped from a "CFPackage" property if it comes wrapped in one. */
export function parsePackageInput(input: unknown, warn: (message: string) => void): PackageInput {
  let raw = input;
  if (raw && typeof raw === "object" && !("CFDocument" in raw) && "CFPackage" in raw) {
    warn('The package is wrapped in a "CFPackage" property; reading what is inside it.');
    raw = (raw as { CFPackage: unknown }).CFPackage;
  }
  const parsed = PackageInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CaseImportError(
      `Not a CASE CFPackage: ${issue ? `${issuePath(issue.path)}: ${issue.message}` : "unreadable"}.`,
    );
  }
  return parsed.data;
}

/** The item's statement as published: fullStatement, else alternativeLabel, else abbreviatedStatement. */
export const rawStatementOf = (item: ItemInput) =>
  [item.fullStatement, item.alternativeLabel, item.abbreviatedStatement].find((s) => s?.trim()) ?? "";

/** The item's statement without surrounding white space (a unit's texts are trimmed). */
export const statementOf = (item: ItemInput) => rawStatementOf(item).trim();

export function describeItem(item: ItemInput): string {
  const code = item.humanCodingScheme?.trim();
  const statement = statementOf(item);
  const short = statement.length > 50 ? `${statement.slice(0, 47)}...` : statement;
  return `CFItem ${item.identifier}${code ? ` (${code})` : ""}${short ? ` "${short}"` : ""}`;
}
