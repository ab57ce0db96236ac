import { withAuth } from "next-auth/middleware";

// Only a convenience: visitors without a session are sent to sign-in. Every page, action and
// route handler still authenticates and authorizes itself through lib/authz. Upload and
// download routes are deliberately outside the matcher (a proxy buffers and silently
// truncates large request bodies: ../shared/docs/uploads-in-next.md).
export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/home", "/account/:path*", "/admin/:path*", "/candidate/:path*", "/assessor/:path*", "/iqa/:path*", "/eqa/:path*", "/platform/:path*"],
};
