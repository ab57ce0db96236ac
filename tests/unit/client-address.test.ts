import { describe, expect, it } from "vitest";
import { clientAddressFromHeaders, normaliseClientAddress, unknownClientAddress } from "@/lib/auth/client-address";
import { parseEnv } from "@/lib/env";

describe("the client address used to throttle sign-in", () => {
  it("writes one address one way", () => {
    expect(normaliseClientAddress(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(normaliseClientAddress("203.0.113.7:51234")).toBe("203.0.113.7");
    expect(normaliseClientAddress("::FFFF:203.0.113.7")).toBe("203.0.113.7");
    expect(normaliseClientAddress("::ffff:cb00:7107")).toBe("203.0.113.7");
    expect(normaliseClientAddress("[::ffff:203.0.113.7]:443")).toBe("203.0.113.7");
  });

  it("counts an IPv6 address as its /64 network, which one subscriber usually holds whole", () => {
    expect(normaliseClientAddress("2001:DB8:5:7::10")).toBe("2001:db8:5:7::/64");
    expect(normaliseClientAddress("2001:db8:5:7:abcd:ef01:2345:6789")).toBe("2001:db8:5:7::/64");
    expect(normaliseClientAddress("[2001:db8::1]:8080")).toBe("2001:db8:0:0::/64");
    expect(normaliseClientAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(normaliseClientAddress("::1")).toBe("0:0:0:0::/64");
  });

  it("refuses what is not an IP address", () => {
    for (const raw of [
      "",
      "unknown",
      "_hidden",
      "example.org",
      "999.1.1.1",
      `1.2.3.4${" ".repeat(200)}`,
      undefined,
      null,
    ]) {
      expect(normaliseClientAddress(raw)).toBeNull();
    }
  });

  it("ignores X-Forwarded-For unless a trusted proxy builds it, since a client can write anything there", () => {
    expect(clientAddressFromHeaders({ "x-forwarded-for": "203.0.113.7" }, 0)).toBe(unknownClientAddress);
    expect(clientAddressFromHeaders(undefined, 1)).toBe(unknownClientAddress);
    expect(clientAddressFromHeaders({}, 1)).toBe(unknownClientAddress);
    expect(clientAddressFromHeaders({ "x-forwarded-for": "garbage" }, 1)).toBe(unknownClientAddress);
  });

  it("takes the address the outermost trusted proxy saw, not what the client prepended", () => {
    const forged = { "x-forwarded-for": "10.9.9.9, 203.0.113.7" };
    expect(clientAddressFromHeaders(forged, 1)).toBe("203.0.113.7");
    expect(clientAddressFromHeaders({ "x-forwarded-for": "10.9.9.9, 203.0.113.7, 192.168.0.2" }, 2)).toBe(
      "203.0.113.7",
    );
    expect(clientAddressFromHeaders({ "x-forwarded-for": ["10.9.9.9", "203.0.113.7"] }, 1)).toBe("203.0.113.7");
    // Fewer entries than proxies: the leftmost is the best there is.
    expect(clientAddressFromHeaders({ "x-forwarded-for": "203.0.113.7" }, 2)).toBe("203.0.113.7");
    // A very long forged prefix does not push the real address out.
    expect(clientAddressFromHeaders({ "x-forwarded-for": `${"10.0.0.1, ".repeat(5_000)}203.0.113.7` }, 1)).toBe(
      "203.0.113.7",
    );
  });

  it("reads TRUST_PROXY as a count of proxies, 0 by default, and explains a wrong value", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(() => parseEnv({ TRUST_PROXY: "yes" })).toThrowError(
      /^Configuration error: TRUST_PROXY must be the number of reverse proxies .*\(got "yes"\)$/,
    );
  });
});
