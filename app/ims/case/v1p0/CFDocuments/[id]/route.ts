import { getCaseDocument } from "@/lib/dal/case";
import { caseErrorBody, parseCaseId } from "@/lib/standards/case";

export const dynamic = "force-dynamic";

// Public and read-only on purpose: the units are published standards, and CASE clients
// mirror them without signing in.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id: segment } = await params;
  const id = parseCaseId(segment);
  if (!id) return Response.json(caseErrorBody(`"${segment.slice(0, 100)}" is not a CFDocument identifier: expected a UUID.`, "invalid_uuid"), { status: 400 });
  const found = await getCaseDocument(id, new URL(request.url).origin);
  if (!found) return Response.json(caseErrorBody(`There is no CFDocument with identifier ${id}.`, "unknownobject"), { status: 404 });
  return Response.json(found, { headers: { "Cache-Control": "public, max-age=60" } });
}
