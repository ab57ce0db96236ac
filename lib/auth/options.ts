import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { log } from "../ops/log";
import { noteRequestUser } from "../ops/log-context";
import { safeCallbackPath } from "./safe-redirect";
import { EndedSessionError, endSessions, sessionToken } from "./end-sessions";
import { clientAddressFromHeaders } from "./client-address";
import { signInWithPassword } from "./sign-in";

/** Minutes without activity after which the session ends (the IdleKeepAlive component refreshes it on use). */
export const idleMinutes = 30;

const credentials = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: idleMinutes * 60, updateAge: 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) throw new Error("Enter your email and password.");
        const clientAddress = clientAddressFromHeaders(req?.headers, env.TRUST_PROXY);
        const result = await signInWithPassword(db, parsed.data.email, parsed.data.password, { clientAddress });
        // next-auth passes a thrown message to the form; the same message for every failure.
        if (!result.ok) throw new Error(result.message);
        noteRequestUser(result.userId);
        return { id: result.userId };
      },
    }),
  ],
  events: {
    // Signing out ends every session of the account (ADR 0009), not just this browser's cookie.
    async signOut({ token }) {
      if (token?.sub) await endSessions(db, token.sub).catch(() => undefined);
    },
  },
  logger: {
    // An ended session is expected, not an error worth a stack trace in the logs.
    error(code, metadata) {
      const cause = (metadata as { error?: unknown } | undefined)?.error ?? metadata;
      if (cause instanceof EndedSessionError) return;
      log.error({ code, err: cause }, "next-auth error");
    },
    warn(code) {
      log.warn({ code }, "next-auth warning");
    },
    debug() {},
  },
  callbacks: {
    // Only the user id and the account's session version travel in the token; roles are read
    // from the database on each request. A token from before a sign-out, password change or
    // disabling carries an older version: throwing here makes next-auth clear the cookie and
    // getServerSession answer no session, so the token is never renewed either.
    jwt({ token, user }) {
      return sessionToken(db, token, user);
    },
    async session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub } } as typeof session;
    },
    // Where next-auth sends the browser after sign-in or sign-out (its callbackUrl): only ever
    // this app's own origin, by the same rule as the sign-in form.
    async redirect({ url, baseUrl }) {
      return new URL(safeCallbackPath(url, baseUrl), baseUrl).href;
    },
  },
};
