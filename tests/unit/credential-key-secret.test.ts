import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env-schema";
import { keyEncryptionKey, CredentialKeyError } from "@/lib/credentials/key-secret";
import { openPrivateKey, sealPrivateKey } from "@/lib/credentials/private-key-box";

// CREDENTIAL_KEY_SECRET as configuration, and the box it keys: AES-256-GCM bound to the key's id.

describe("CREDENTIAL_KEY_SECRET", () => {
  it("must be at least 32 characters, and a refusal never shows it", () => {
    expect(() => parseEnv({ CREDENTIAL_KEY_SECRET: "too-short-a-secret" })).toThrow(EnvError);
    try {
      parseEnv({ CREDENTIAL_KEY_SECRET: "too-short-a-secret" });
    } catch (error) {
      expect((error as Error).message).toMatch(/^Configuration error: CREDENTIAL_KEY_SECRET must be at least 32/);
      expect((error as Error).message).not.toContain("too-short-a-secret");
    }
    expect(parseEnv({ CREDENTIAL_KEY_SECRET: "x".repeat(32) }).CREDENTIAL_KEY_SECRET).toBe("x".repeat(32));
    expect(parseEnv({}).CREDENTIAL_KEY_SECRET).toBeUndefined();
  });
});

describe("the sealed private key", () => {
  const der = crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" });
  const right = keyEncryptionKey("the-right-secret-0123456789abcdef");

  it("opens with the secret and key id it was sealed with, and is not the key in any plain form", () => {
    const sealed = sealPrivateKey(der, "key-1", right);
    expect(sealed.split(".")).toHaveLength(3);
    expect(sealed).not.toContain(der.toString("base64url").slice(20, 60));
    expect(openPrivateKey(sealed, "key-1", right).equals(der)).toBe(true);
    // A fresh IV each time: the same key sealed twice differs.
    expect(sealPrivateKey(der, "key-1", right)).not.toBe(sealed);
  });

  it("refuses, saying which setting is wrong, with another secret or on another key's row", () => {
    const sealed = sealPrivateKey(der, "key-1", right);
    const wrong = keyEncryptionKey("a-wrong-secret-0123456789abcdefgh");
    expect(() => openPrivateKey(sealed, "key-1", wrong)).toThrow(CredentialKeyError);
    const refusal = (() => {
      try {
        openPrivateKey(sealed, "key-1", wrong);
      } catch (error) {
        return error as CredentialKeyError;
      }
    })();
    expect(refusal?.userMessage).toContain("CREDENTIAL_KEY_SECRET is not the secret it was stored with");
    expect(() => openPrivateKey(sealed, "key-2", right)).toThrow(CredentialKeyError);
    expect(() => openPrivateKey("garbage", "key-1", right)).toThrow(CredentialKeyError);
  });
});
