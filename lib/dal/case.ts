import "server-only";
import { db } from "@/lib/db";
import * as caseQueries from "@/lib/standards/case/store";

// CASE 1.0 read side. The standards are public documents: no actor to scope by, and every
// function returns CASE JSON built from the stored unit files, never a row.

export const listCaseDocuments = (baseUrl: string) => caseQueries.listCaseDocuments(db, baseUrl);

export const getCaseDocument = (documentId: string, baseUrl: string) =>
  caseQueries.findCaseDocument(db, documentId, baseUrl);

export const getCasePackage = (documentId: string, baseUrl: string) =>
  caseQueries.findCasePackage(db, documentId, baseUrl);

export const getCaseItem = (itemId: string, baseUrl: string) => caseQueries.findCaseItem(db, itemId, baseUrl);

export const getCaseAssociation = (associationId: string, baseUrl: string) =>
  caseQueries.findCaseAssociation(db, associationId, baseUrl);

export type { CFAssociation, CFDocument, CFItem, CFPackage } from "@/lib/standards/case/types";
