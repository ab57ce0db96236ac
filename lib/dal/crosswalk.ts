import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import * as queries from "@/lib/standards/crosswalk-queries";

// The crosswalk between the units is public reference text, like the rest of /standards: no
// actor to scope by. cache() lets a page and its generateMetadata share one query per request.

export const equivalentsOfUnit = cache((code: string, versionNumber?: number) =>
  queries.equivalentsOfUnit(db, code, versionNumber),
);

export const crosswalkBetween = cache((codeA: string, codeB: string) => queries.crosswalkBetween(db, codeA, codeB));

export type {
  CrosswalkBetween,
  CrosswalkCriterion,
  CrosswalkPairView,
  CrosswalkSide,
  CrosswalkVersionSummary,
  Equivalent,
} from "@/lib/standards/crosswalk-queries";
