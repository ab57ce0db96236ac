import { NextRequest, type NextFetchEvent } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { serverActionBodyLimitBytes } from "@/lib/http/server-action-limit";
import { proxy } from "@/proxy";

// The witness's page (/witness/<token>) is public: proxy.ts must not send its visitor to sign-in,
// and a server action posted to it over the limit must get the same 413 as anywhere else
// (lib/http/server-action-limit.ts), here for bodies over 10 MB, the size past which Next's
// proxy would otherwise truncate them (experimental.proxyClientMaxBodySize).

const page = "http://127.0.0.1:3100/witness/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const event = { waitUntil() {} } as unknown as NextFetchEvent;
const tenMegabytes = 10 * 1024 * 1024;

/** A body sent in chunks without Content-Length. */
function chunked(total: number, chunk = 256 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size));
    },
  });
}

function post(headers: Record<string, string>, body?: BodyInit) {
  return new NextRequest(page, { method: "POST", headers, body, duplex: "half" } as ConstructorParameters<
    typeof NextRequest
  >[1]);
}

describe("proxy.ts on the witness page", () => {
  // next-auth's withAuth reads the secret when it runs; without one it redirects to its error page.
  beforeAll(() => vi.stubEnv("NEXTAUTH_SECRET", "a-test-secret-of-at-least-thirty-two-characters"));

  it("lets a visitor without a session open it, with the page's CSP", async () => {
    const response = await proxy(new NextRequest(page), event);
    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("content-security-policy")).toMatch(/script-src[^;]*'nonce-/);
  });

  it("unlike the pages behind sign-in (the check above would see a redirect)", async () => {
    const response = await proxy(new NextRequest("http://127.0.0.1:3100/candidate/units/x/witnesses"), event);
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toMatch(/\/login\?callbackUrl=/);
  });

  it("answers 413 to a server action body over 10 MB, declared or chunked", async () => {
    expect(serverActionBodyLimitBytes).toBeLessThan(tenMegabytes);
    const declared = await proxy(post({ "Next-Action": "abc", "Content-Length": String(tenMegabytes + 1) }), event);
    expect(declared.status).toBe(413);
    expect(await declared.text()).toMatch(/so it was not saved/);
    const streamed = await proxy(post({ "Next-Action": "abc" }, chunked(tenMegabytes + 1)), event);
    expect(streamed.status).toBe(413);
    const multipart = await proxy(
      post({ "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(tenMegabytes + 1) }),
      event,
    );
    expect(multipart.status).toBe(413);
  });

  it("lets a testimony of ordinary size through", async () => {
    const response = await proxy(post({ "Next-Action": "abc" }, "x".repeat(50_000)), event);
    expect(response.status).toBe(200);
  });
});
