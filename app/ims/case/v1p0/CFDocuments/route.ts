import { listCaseDocuments } from "@/lib/dal/case";

export const dynamic = "force-dynamic";

// Public and read-only on purpose: the units are published standards, and CASE clients
// mirror them (GET /CFDocuments, then /CFPackages/{id}) without signing in.
export async function GET(request: Request) {
  const documents = await listCaseDocuments(new URL(request.url).origin);
  return Response.json({ CFDocuments: documents }, { headers: { "Cache-Control": "public, max-age=60" } });
}
