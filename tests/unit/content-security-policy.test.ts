import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "@/lib/http/content-security-policy";

function directive(policy: string, name: string): string | undefined {
  return policy
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));
}

describe("contentSecurityPolicy", () => {
  it("lets scripts run only with the request's nonce, never inline, and no eval in production", () => {
    const scripts = directive(contentSecurityPolicy("abc123==", { dev: false }), "script-src");
    expect(scripts).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
  });

  it("adds 'unsafe-eval' only for the dev server", () => {
    expect(directive(contentSecurityPolicy("n", { dev: true }), "script-src")).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("n", { dev: false })).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy(null, { dev: false })).not.toContain("unsafe-eval");
  });

  it("without a nonce (the /api routes) allows no inline script at all", () => {
    expect(directive(contentSecurityPolicy(null, { dev: false }), "script-src")).toBe("script-src 'self'");
  });

  it("keeps framing, plugins and base/form targets locked down", () => {
    const policy = contentSecurityPolicy("n", { dev: false });
    for (const d of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ]) {
      expect(policy).toContain(d);
    }
  });
});

describe("newNonce", () => {
  it("is base64 of 128 random bits, in the form Next reads back from the CSP header", () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(new Set(Array.from({ length: 50 }, newNonce)).size).toBe(50);
  });
});
