import { caseErrorBody, parseCaseId } from "@/lib/standards/case/http";

type IdParams = { params: Promise<{ id: string }> };

/**
 * The GET handler of a CASE object by identifier (`/CFDocuments/{id}`, `/CFPackages/{id}`, `/CFItems/{id}`, `/CFAssociations/{id}`):
 * 400 for a segment that is not a UUID, 404 for an unknown one, else the object, cacheable for a minute.
 * Public and read-only on purpose: the units are published standards, and CASE clients mirror them
 * without signing in.
 */
export function caseObjectHandler(kind: string, find: (id: string, baseUrl: string) => Promise<unknown>) {
  return async function GET(request: Request, { params }: IdParams): Promise<Response> {
    const { id: segment } = await params;
    const id = parseCaseId(segment);
    if (!id) {
      const description = `"${segment.slice(0, 100)}" is not a ${kind} identifier: expected a UUID.`;
      return Response.json(caseErrorBody(description, "invalid_uuid"), { status: 400 });
    }
    const found = await find(id, new URL(request.url).origin);
    if (!found) {
      const description = `There is no ${kind} with identifier ${id}.`;
      return Response.json(caseErrorBody(description, "unknownobject"), { status: 404 });
    }
    return Response.json(found, { headers: { "Cache-Control": "public, max-age=60" } });
  };
}
