import { z } from "zod";

import { recordAudit } from "../audit";

import { authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { isValidTimeZone } from "../format/date";
import { InputError, parseInput } from "../errors";

const slugify = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");

const CentreInput = z
  .object({
    name: z.string().trim().min(1, "Enter the centre's name.").max(120, "Keep the name to 120 characters or fewer."),
    slug: z.string().trim().toLowerCase().max(60, "Keep the short name to 60 characters or fewer."),
    timeZone: z.string().trim().refine(isValidTimeZone, "Choose a time zone from the list."),
  })
  .transform((input) => ({ ...input, slug: input.slug || slugify(input.name) }))
  .refine((input) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(input.slug), {
    path: ["slug"],
    message: "Use lower-case letters, digits and single hyphens only, for example northgate-training.",
  });

/** Creates a training centre; only platform admins may. Audited in the same transaction. */
export async function createCentre(
  db: Db,
  actor: Actor,
  raw: unknown,
): Promise<{ id: string; name: string; slug: string }> {
  authorize(actor, "centre.create", { kind: "centre", centreId: "*" });
  const input = parseInput(CentreInput, raw);
  return db.$transaction(async (tx) => {
    if (await tx.centre.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw InputError.forField(
        "slug",
        `Another centre already uses the short name “${input.slug}”. Choose a different one.`,
      );
    }
    const centre = await tx.centre.create({ data: { name: input.name, slug: input.slug, timeZone: input.timeZone } });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: centre.id,
      action: "centre.create",
      entityType: "Centre",
      entityId: centre.id,
      after: { name: centre.name, slug: centre.slug, timeZone: centre.timeZone },
    });
    return { id: centre.id, name: centre.name, slug: centre.slug };
  });
}
