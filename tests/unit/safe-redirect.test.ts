import { describe, expect, it } from "vitest";
import { defaultCallbackPath, safeCallbackPath } from "@/lib/auth/safe-redirect";

const origin = "http://127.0.0.1:3100";

/** What the login page reads: the query parameter as URLSearchParams decodes it. */
function callbackFrom(query: string): string | null {
  return new URLSearchParams(query).get("callbackUrl");
}

describe("safeCallbackPath", () => {
  it("keeps paths on the app's own origin, with their query and fragment", () => {
    expect(safeCallbackPath("/candidate", origin)).toBe("/candidate");
    expect(safeCallbackPath("/admin/progress/candidates?rag=RED&sort=name&dir=asc", origin)).toBe(
      "/admin/progress/candidates?rag=RED&sort=name&dir=asc",
    );
    expect(safeCallbackPath("/candidate/evidence/abc?tab=files#comments", origin)).toBe(
      "/candidate/evidence/abc?tab=files#comments",
    );
    expect(safeCallbackPath(callbackFrom("callbackUrl=%2Fassessor%2Fqueue%3Fpage%3D2"), origin)).toBe(
      "/assessor/queue?page=2",
    );
  });

  it("accepts an absolute address on the same origin (next-auth passes those) and returns its path", () => {
    expect(safeCallbackPath("http://127.0.0.1:3100/login", origin)).toBe("/login");
    expect(safeCallbackPath("http://127.0.0.1:3100/standards?q=care", "http://127.0.0.1:3100/")).toBe(
      "/standards?q=care",
    );
  });

  it("sends nothing off-site: the payloads from issue 13", () => {
    for (const query of [
      "callbackUrl=/%5C127.0.0.1:9999/x",
      "callbackUrl=/%09/127.0.0.1:9999/x",
      "callbackUrl=/\\/127.0.0.1:9999/x",
    ]) {
      expect(safeCallbackPath(callbackFrom(query), origin), query).toBe(defaultCallbackPath);
    }
  });

  it("refuses other origins, protocol-relative addresses and script URLs", () => {
    for (const raw of [
      "https://evil.example",
      "https://evil.example/home",
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      " //evil.example",
      "/.//evil.example",
      "/..//evil.example",
      "https:evil.example",
      "http://127.0.0.1:3101/home",
      "https://127.0.0.1:3100/home",
      "http://127.0.0.1:3100@evil.example/",
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "java\nscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
    ]) {
      expect(safeCallbackPath(raw, origin), JSON.stringify(raw)).toBe(defaultCallbackPath);
    }
  });

  it("refuses the same payloads percent-encoded in the query string", () => {
    for (const query of [
      "callbackUrl=https%3A%2F%2Fevil.example",
      "callbackUrl=%2F%2Fevil.example",
      "callbackUrl=%2F%5Cevil.example",
      "callbackUrl=%2F%09%2Fevil.example",
      "callbackUrl=javascript%3Aalert(1)",
      "callbackUrl=%2F%2E%2F%2Fevil.example",
    ]) {
      expect(safeCallbackPath(callbackFrom(query), origin), query).toBe(defaultCallbackPath);
    }
  });

  it("leaves doubly encoded slashes as literal characters of a path on this origin", () => {
    expect(safeCallbackPath("/%2F%2Fevil.example", origin)).toBe("/%2F%2Fevil.example");
    expect(safeCallbackPath("/%5Cevil.example", origin)).toBe("/%5Cevil.example");
  });

  it("falls back to the home page when there is no usable address", () => {
    expect(safeCallbackPath(null, origin)).toBe(defaultCallbackPath);
    expect(safeCallbackPath(undefined, origin)).toBe(defaultCallbackPath);
    expect(safeCallbackPath("", origin)).toBe(defaultCallbackPath);
    expect(safeCallbackPath("http://[::1", origin)).toBe(defaultCallbackPath);
    expect(safeCallbackPath("/candidate", "not an origin")).toBe(defaultCallbackPath);
  });
});
