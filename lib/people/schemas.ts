import { z } from "zod";
import { normaliseEmail } from "../auth/sign-in";
import { roles, type Role } from "../authz/policy";

export const PEOPLE_PAGE_SIZE = 25;
export const OUTBOX_PAGE_SIZE = 25;

export const roleSchema = z.enum(roles, { error: "Choose a role from the list." });

export const nameSchema = z
  .string({ error: "Enter the person's name." })
  .trim()
  .min(1, "Enter the person's name.")
  .max(200, "Use at most 200 characters for the name.");

export const emailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .min(1, "Enter an email address.")
  .max(320, "Use at most 320 characters for the email address.")
  .pipe(z.email("Enter an email address in the form name@example.com."))
  .transform(normaliseEmail);

/** Roles in the order the app lists them, each once. */
export function sortRoles(list: ReadonlyArray<Role>): Role[] {
  return roles.filter((role) => list.includes(role));
}

export const rolesSchema = z
  .array(roleSchema, { error: "Choose at least one role." })
  .min(1, "Choose at least one role.")
  .transform(sortRoles);

export const personInputSchema = z.object({ name: nameSchema, email: emailSchema, roles: rolesSchema });
export type PersonInput = z.input<typeof personInputSchema>;

export const idSchema = z.string().trim().min(1).max(64);

/**
 * A person's status as one centre's admins see it (lib/people/membership.ts decides it from that
 * centre's rows): "invited" until they accept this centre's invitation, "deactivated" once this
 * centre has ended their membership.
 */
export type PersonStatus = "active" | "deactivated" | "invited";

/** A 1-based page number from anything (query strings included); out-of-range values are clamped later. */
export function pageNumber(value: unknown): number {
  const number = typeof value === "number" ? value : Number.parseInt(String(value ?? ""), 10);
  return Number.isFinite(number) && number >= 1 ? Math.trunc(number) : 1;
}
