import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "../db";
import { noteRequestUser } from "../ops/log-context";
import { activeRoleCookie, loadActor, type SessionActor } from "./actor";
import { authOptions } from "./options";

export { activeRoleCookie };

/** The signed-in person with roles fresh from the database, once per request; null if none. */
export const getActor = cache(async (): Promise<SessionActor | null> => {
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  noteRequestUser(userId);
  const preferred = (await cookies()).get(activeRoleCookie)?.value ?? null;
  return loadActor(db, userId, preferred);
});

/** For pages: the actor, or a redirect to sign-in. */
export async function requireActor(): Promise<SessionActor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

const homes = {
  CANDIDATE: "/candidate",
  ASSESSOR: "/assessor",
  IQA: "/iqa",
  CENTRE_ADMIN: "/admin",
  EQA: "/eqa",
} as const;

export function homeOf(actor: SessionActor): string {
  if (actor.active) return homes[actor.active.role];
  return actor.isPlatformAdmin ? "/platform" : "/account";
}
