import { isIP } from "node:net";

// Which network a sign-in comes from, as a key for throttling (lib/auth/throttle.ts).
//
// next-auth 4 hands `authorize` the request's headers only: there is no socket. Next.js fills
// X-Forwarded-For with the socket address only when the request did not bring one, so without a
// proxy in front a client can write any address there and pick its own throttling bucket. The
// header is therefore read only when TRUST_PROXY says how many reverse proxies in front of the
// app build it. Each proxy appends the address it saw (or, configured so, replaces the header),
// so the entry TRUST_PROXY places from the right is what the outermost trusted proxy saw; the
// entries left of it are whatever the client sent. X-Real-IP and the like are not read: they
// are just as forgeable without a proxy, and a proxy that sets them also sets X-Forwarded-For.
// Without TRUST_PROXY every request shares `unknownClientAddress`, so the throttle falls back
// to a per-email rule.

/** The one bucket for requests whose address cannot be known. */
export const unknownClientAddress = "unknown";

// Longest header tail and entry read: an IPv6 address with a zone and port fits easily.
const maxHeaderChars = 1_000;
const maxEntryChars = 100;

/**
 * The address as a throttling key: trimmed and lower-case, without a port, an IPv4-mapped IPv6
 * address as plain IPv4, and any other IPv6 address as its /64 network (one subscriber usually
 * holds a whole /64, so single addresses would let one attacker rotate through millions of
 * buckets). Null when it is not an IP address.
 */
export function normaliseClientAddress(raw: string | null | undefined): string | null {
  if (!raw || raw.length > maxEntryChars) return null;
  let text = raw.trim().toLowerCase();
  text = /^\[([^\]]+)\](?::\d+)?$/.exec(text)?.[1] ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text)?.[1] ?? text;
  text = text.replace(/%.*$/, ""); // an IPv6 zone ("fe80::1%eth0") names the host's interface, not the client
  const version = isIP(text);
  if (version === 4) return text;
  if (version !== 6) return null;
  const groups = ipv6Groups(text);
  const [, , , , , g5, g6 = 0, g7 = 0] = groups;
  const mappedIpv4 = groups.slice(0, 5).every((g) => g === 0) && g5 === 0xffff;
  if (mappedIpv4) return [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff].join(".");
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (as `isIP` accepts it). */
function ipv6Groups(address: string): number[] {
  // A dotted IPv4 tail ("::ffff:192.0.2.1") is the last two groups.
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a: string, b: string, c: string, d: string) =>
    [(Number(a) << 8) | Number(b), (Number(c) << 8) | Number(d)].map((n) => n.toString(16)).join(":"),
  );
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}

/**
 * The client's address from the request headers next-auth passes to `authorize`, given how many
 * trusted reverse proxies build X-Forwarded-For (TRUST_PROXY); `unknownClientAddress` when none
 * are trusted or the header holds no usable address.
 */
export function clientAddressFromHeaders(headers: Record<string, unknown> | undefined, trustedProxies: number): string {
  if (trustedProxies < 1) return unknownClientAddress;
  const header = headers?.["x-forwarded-for"];
  const text = (Array.isArray(header) ? header.join(",") : typeof header === "string" ? header : "").slice(
    -maxHeaderChars,
  );
  const hops = text
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return normaliseClientAddress(hops[Math.max(0, hops.length - trustedProxies)]) ?? unknownClientAddress;
}
