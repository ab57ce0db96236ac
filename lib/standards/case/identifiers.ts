import { v5 as uuidv5 } from "uuid";
import type { CriterionKind } from "../schema";

// The identifiers of the CASE objects of a unit version: name-based, so every install mints
// the same ones for the same unit version.

/**
 * Namespace of every CASE identifier this application mints (UUID v5). Never change it:
 * identifiers already published (in CASE mirrors, in Open Badges alignments) derive from it.
 */
export const CASE_NAMESPACE = "65acf87d-49f1-4cc7-bb10-8d3c669ac17f";

/** A name-based UUID (v5): the same parts give the same identifier on every install. */
export function caseIdentifier(...parts: (string | number)[]): string {
  return uuidv5(JSON.stringify(parts.map(String)), CASE_NAMESPACE);
}

/** The identifiers of a unit version's CASE objects. Positions are 0-based, as in the database. */
export const caseIds = {
  document: (code: string, version: number) => caseIdentifier(code, version),
  group: (code: string, version: number, groupPosition: number) =>
    caseIdentifier(code, version, "group", groupPosition),
  // The kind is part of the name: CFAM&LFD3 has performance criterion "1" and skill "1".
  criterion: (code: string, version: number, kind: CriterionKind, ref: string) =>
    caseIdentifier(code, version, kind, ref),
  rangeItem: (code: string, version: number, kind: CriterionKind, ref: string, itemPosition: number) =>
    caseIdentifier(code, version, kind, ref, "range", itemPosition),
  requirement: (code: string, version: number, ref: string) => caseIdentifier(code, version, "requirement", ref),
  requirementItem: (code: string, version: number, requirementRef: string, itemPosition: number) =>
    caseIdentifier(code, version, "requirement", requirementRef, "item", itemPosition),
  childOf: (code: string, version: number, childIdentifier: string) =>
    caseIdentifier(code, version, "isChildOf", childIdentifier),
  itemType: (title: string) => caseIdentifier("CFItemType", title),
};
