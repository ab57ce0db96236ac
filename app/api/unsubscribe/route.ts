import { z } from "zod";
import { db } from "@/lib/db";
import { emailLinkSecret } from "@/lib/jobs/runtime";
import { unsubscribe } from "@/lib/notify/email";
import { withRouteLog } from "@/lib/ops/log-route";

export const dynamic = "force-dynamic";

const Token = z.string().min(1).max(300);

const answer = (status: number, message: string) =>
  Response.json({ message }, { status, headers: { "Cache-Control": "no-store" } });

/**
 * POST /api/unsubscribe?token=...: the one-click unsubscribe of RFC 8058, which mail programs
 * call from a notification email's List-Unsubscribe header (body "List-Unsubscribe=One-Click").
 * Public on purpose, as the /unsubscribe page is: the token, signed with the server's secret,
 * names the person, and nobody can make one for someone else (lib/notify/email.ts). Only POST:
 * a GET (a scanner following links) changes nothing.
 */
export const POST = withRouteLog("/api/unsubscribe", async (request: Request) => {
  const token = Token.safeParse(new URL(request.url).searchParams.get("token"));
  if (token.success && (await unsubscribe(db, token.data, emailLinkSecret())))
    return answer(200, "Done: you will get no more emails about notifications.");
  return answer(
    400,
    "This unsubscribe link is not valid: copy the whole link from the email. Or sign in and change your choice under Your account.",
  );
});
