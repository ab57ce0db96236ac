import { getCaseDocument } from "@/lib/dal/case";
import { caseObjectHandler } from "@/lib/standards/case-route";

export const dynamic = "force-dynamic";

// Public and read-only on purpose (see caseObjectHandler).
export const GET = caseObjectHandler("CFDocument", getCaseDocument);
