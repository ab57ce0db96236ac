import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "../db";
import { env } from "../env";
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
      async authorize(raw) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) throw new Error("Enter your email and password.");
        const result = await signInWithPassword(db, parsed.data.email, parsed.data.password);
        // next-auth passes a thrown message to the form; the same message for every failure.
        if (!result.ok) throw new Error(result.message);
        return { id: result.userId };
      },
    }),
  ],
  callbacks: {
    // Only the user id travels in the token; roles are read from the database on each request.
    async jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    async session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub } } as typeof session;
    },
  },
};
