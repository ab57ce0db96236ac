"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { activeRoleCookie, requireActor } from "../auth/session";
import { env } from "../env";

const input = z.object({ role: z.string().regex(/^[^:]+:[A-Z_]+$/) });

/** Changes which of the person's roles they are acting in; only roles they hold are accepted. */
export async function switchRole(formData: FormData) {
  const actor = await requireActor();
  const parsed = input.safeParse({ role: formData.get("role") });
  const chosen = parsed.success ? actor.roles.find((r) => `${r.centreId}:${r.role}` === parsed.data.role) : undefined;
  if (chosen) {
    (await cookies()).set(activeRoleCookie, `${chosen.centreId}:${chosen.role}`, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: env.NODE_ENV === "production" && Boolean(env.NEXTAUTH_URL?.startsWith("https")),
    });
  }
  redirect("/home");
}
