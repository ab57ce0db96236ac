import { withAuth } from "next-auth/middleware";
import { NextResponse } from "next/server";

// Only a convenience: visitors without a session are sent to sign-in. Every page, action and
// route handler still authenticates and authorizes itself through lib/authz. Upload routes are
// deliberately outside the matcher (a proxy buffers and silently truncates large bodies).
export default withAuth(
  function addTransportSecurity(request) {
    const response = NextResponse.next();
    if (request.headers.get("x-forwarded-proto") === "https" || request.nextUrl.protocol === "https:") {
      response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    }
    return response;
  },
  { pages: { signIn: "/login" } },
);

export const config = {
  matcher: ["/home", "/account/:path*", "/admin/:path*", "/candidate/:path*", "/assessor/:path*", "/iqa/:path*", "/eqa/:path*", "/platform/:path*"],
};
