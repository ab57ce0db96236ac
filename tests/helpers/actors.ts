import { loadActor, type SessionActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";

// Helpers the integration tests share. (Several older test files still keep their own copies.)

/** The session actor of the person with this email, as sign-in would load it. */
export async function actorByEmail(db: Db, email: string): Promise<SessionActor> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const loaded = await loadActor(db, user.id);
  if (!loaded) throw new Error(`cannot load ${email}`);
  return loaded;
}

/** What the operation threw; fails the test if it succeeded. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the operation to be refused, but it succeeded");
}
