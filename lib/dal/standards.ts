import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import * as queries from "@/lib/standards/queries";

// The standards catalogue is public reference text: no actor to scope by. cache() lets a page
// and its generateMetadata share one query per request.

export const listUnits = cache(() => queries.listUnits(db));

export const getUnit = cache((code: string, versionNumber?: number) => queries.getUnit(db, code, versionNumber));

export const searchCriteria = cache((query: string, page: number = 1) => queries.searchCriteria(db, query, page));

export { criterionAnchor, SEARCH_PAGE_SIZE } from "@/lib/standards/queries";
export type {
  CriterionCount,
  CriterionDto,
  CriterionHit,
  CriterionSearch,
  GroupDto,
  RangeDto,
  RequirementDto,
  SearchResultUnit,
  UnitDetail,
  UnitMetadata,
  UnitSummary,
  VersionSummary,
} from "@/lib/standards/queries";
