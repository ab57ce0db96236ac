import { describe, expect, it } from "vitest";
import {
  isServerActionPost,
  serverActionBodyLimitBytes,
  serverActionBodyTooLarge,
  serverActionTooLargeResponse,
} from "@/lib/http/server-action-limit";

const page = "http://127.0.0.1:3100/admin/people/import";

/** A body sent in chunks without Content-Length, as a chunked upload arrives. */
function chunked(total: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
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

function post(url: string, headers: Record<string, string>, body?: BodyInit) {
  return new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

describe("isServerActionPost", () => {
  it("recognises action calls and multipart form posts to pages", () => {
    expect(isServerActionPost(post(page, { "Next-Action": "abc" }))).toBe(true);
    expect(isServerActionPost(post(page, { "Content-Type": "multipart/form-data; boundary=x" }))).toBe(true);
  });

  it("leaves other requests alone", () => {
    expect(isServerActionPost(new Request(page))).toBe(false);
    expect(isServerActionPost(post(page, { "Content-Type": "application/x-www-form-urlencoded" }))).toBe(false);
    expect(
      isServerActionPost(
        post("http://127.0.0.1:3100/api/evidence/x/files", { "Content-Type": "multipart/form-data; boundary=x" }),
      ),
    ).toBe(false);
  });
});

describe("serverActionBodyTooLarge", () => {
  it("is 2 MB, as next.config.ts hands it to Next", () => {
    expect(serverActionBodyLimitBytes).toBe(2 * 1024 * 1024);
  });

  it("judges by Content-Length when there is one", async () => {
    expect(
      await serverActionBodyTooLarge(post(page, { "Next-Action": "a", "Content-Length": String(3 * 1024 * 1024) })),
    ).toBe(true);
    expect(
      await serverActionBodyTooLarge(
        post(page, { "Next-Action": "a", "Content-Length": String(serverActionBodyLimitBytes) }),
      ),
    ).toBe(false);
  });

  it("counts a chunked body, stopping past the limit", async () => {
    expect(await serverActionBodyTooLarge(post(page, { "Next-Action": "a" }, chunked(3 * 1024 * 1024)))).toBe(true);
    expect(
      await serverActionBodyTooLarge(post(page, { "Next-Action": "a" }, chunked(serverActionBodyLimitBytes))),
    ).toBe(false);
    expect(await serverActionBodyTooLarge(post(page, { "Next-Action": "a" }, chunked(100, 10)), 99)).toBe(true);
  });

  it("answers 413 in plain text, which Next's client router shows as the action's error", async () => {
    const response = serverActionTooLargeResponse();
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(await response.text()).toMatch(/more than 2 MB, so it was not saved\. Send a smaller file/);
  });
});
