import { getCaseAssociation } from "@/lib/dal/case";
import { caseObjectHandler } from "@/lib/standards/case-route";

export const dynamic = "force-dynamic";

// Public and read-only on purpose (see caseObjectHandler): isChildOf associations of the tree,
// and the crosswalk's exactMatchOf / isRelatedTo associations (ADR 0022).
export const GET = caseObjectHandler("CFAssociation", getCaseAssociation);
