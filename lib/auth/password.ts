import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

// argon2id with the library's defaults (OWASP-recommended memory and time cost).
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the email is unknown makes both paths take the same time.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-used-for-timing");
  return dummyHash;
}

export const passwordRules = "at least 12 characters, and not your email address";

/** The password rules: one place, reused by every form that sets a password. */
export function passwordSchema(email: string) {
  return z
    .string()
    .min(12, "Use at least 12 characters.")
    .max(200, "Use at most 200 characters.")
    .refine((password) => {
      const lower = password.toLowerCase();
      const address = email.trim().toLowerCase();
      const localPart = address.split("@")[0] ?? "";
      return lower !== address && !(localPart.length >= 4 && lower === localPart);
    }, "Do not use your email address as your password.");
}

/** A new password typed twice (invitation and reset forms): the rules, and the two must match. */
export function newPasswordSchema(email: string) {
  return z
    .object({
      password: passwordSchema(email),
      confirmPassword: z.string({ error: "Type the password again." }).min(1, "Type the password again."),
    })
    .refine((value) => value.password === value.confirmPassword, {
      path: ["confirmPassword"],
      message: "The two passwords are different. Type the same password in both boxes.",
    });
}
