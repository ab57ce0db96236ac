import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  bitstringOf,
  decodeList,
  encodeList,
  isBitSet,
  listBitsFor,
  minimumListBits,
} from "@/lib/credentials/bitstring-status-list";
import { identityHash, newSalt } from "@/lib/credentials/identity-hash";

// The W3C Bitstring Status List encoding and the Open Badges identity hash, checked against
// what the specifications say rather than against the code's own decoder: the encoded list is
// taken apart here with zlib and Buffer, and the hash is the spec's own example.

/** The bytes inside an encodedList, read without the code under test. */
function rawBytes(encoded: string): Buffer {
  return zlib.gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
}

describe("the bitstring status list", () => {
  it("is at least 16 KB (131,072 bits), all clear when nothing is revoked", () => {
    expect(minimumListBits).toBe(131_072);
    const bytes = rawBytes(encodeList(bitstringOf([])));
    expect(bytes.length).toBe(16_384);
    expect(bytes.every((b) => b === 0)).toBe(true);
  });

  it("is multibase base64url: a 'u' prefix, then base64url without padding of GZIP data", () => {
    const encoded = encodeList(bitstringOf([3, 99_999]));
    expect(encoded.startsWith("u")).toBe(true);
    expect(encoded.slice(1)).toMatch(/^[A-Za-z0-9_-]+$/);
    const compressed = Buffer.from(encoded.slice(1), "base64url");
    // GZIP's magic number and deflate method (RFC 1952), not a bare zlib or deflate stream.
    expect([...compressed.subarray(0, 3)]).toEqual([0x1f, 0x8b, 0x08]);
  });

  it("numbers bits from the left: index 0 is the most significant bit of the first byte", () => {
    const bytes = rawBytes(encodeList(bitstringOf([0, 7, 8, 131_071])));
    expect(bytes[0]).toBe(0b1000_0001);
    expect(bytes[1]).toBe(0b1000_0000);
    expect(bytes[2]).toBe(0);
    expect(bytes[16_383]).toBe(0b0000_0001);
    expect(bytes.reduce((n, b) => n + (b.toString(2).match(/1/g)?.length ?? 0), 0)).toBe(4);
  });

  it("reads back which bits are set, and decodes the specification's own example list", () => {
    const bits = decodeList(encodeList(bitstringOf([5, 42])));
    expect([4, 5, 6, 41, 42, 43].map((i) => isBitSet(bits, i))).toEqual([false, true, false, false, true, false]);
    // Bitstring Status List v1.0's example: 16 KB, nothing set.
    const example = decodeList("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA");
    expect(example.length).toBe(16_384);
    expect(example.every((b) => b === 0)).toBe(true);
    expect(() => decodeList("H4sIAAAAAAAAA")).toThrow(/must start with u/);
  });

  it("grows in whole multiples of the minimum, and refuses an index outside the list", () => {
    expect(listBitsFor(0)).toBe(131_072);
    expect(listBitsFor(131_071)).toBe(131_072);
    expect(listBitsFor(131_072)).toBe(262_144);
    expect(rawBytes(encodeList(bitstringOf([131_072], listBitsFor(131_072)))).length).toBe(32_768);
    expect(() => bitstringOf([131_072])).toThrow(RangeError);
    expect(() => bitstringOf([-1])).toThrow(RangeError);
  });
});

describe("the recipient's identity hash", () => {
  it("is the Open Badges 3.0 example: sha256 of a@example.com salted with Kosher", () => {
    expect(identityHash("a@example.com", "Kosher")).toBe(
      "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399",
    );
  });

  it("uses a fresh salt each time, so two credentials of one person do not share a hash", () => {
    const [a, b] = [newSalt(), newSalt()];
    expect(a).not.toBe(b);
    expect(identityHash("cara@example.org", a)).not.toBe(identityHash("cara@example.org", b));
  });
});
