import zlib from "node:zlib";

// W3C Bitstring Status List v1.0: the list is a bitstring, GZIP-compressed, then multibase
// base64url (no padding) with its "u" prefix. Bit i is the credential whose statusListIndex is
// i; index 0 is the left-most (most significant) bit of the first byte. A set bit means revoked.

/** The spec's minimum length (16 KB), so a list of a few entries does not reveal how few. */
export const minimumListBits = 131_072;

/** How many bits a list holding `highestIndex` needs: the minimum, or whole multiples of it. */
export function listBitsFor(highestIndex: number): number {
  return Math.max(1, Math.ceil((highestIndex + 1) / minimumListBits)) * minimumListBits;
}

/** The bitstring with the given indexes set. */
export function bitstringOf(setIndexes: Iterable<number>, bits = minimumListBits): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(bits / 8));
  for (const index of setIndexes) {
    if (!Number.isInteger(index) || index < 0 || index >= bits)
      throw new RangeError(`status index ${index} is outside the list`);
    bytes[index >> 3] = (bytes[index >> 3] ?? 0) | (0x80 >> (index & 7));
  }
  return bytes;
}

export function isBitSet(bytes: Uint8Array, index: number): boolean {
  const byte = bytes[index >> 3];
  return byte !== undefined && (byte & (0x80 >> (index & 7))) !== 0;
}

/** encodedList of a bitstring: "u" + base64url(gzip(bits)). */
export function encodeList(bytes: Uint8Array): string {
  return `u${zlib.gzipSync(bytes).toString("base64url")}`;
}

/** The bitstring of an encodedList; throws on anything that is not "u" + base64url of GZIP data. */
export function decodeList(encoded: string): Uint8Array {
  if (!encoded.startsWith("u") || !/^[A-Za-z0-9_-]*$/.test(encoded.slice(1)))
    throw new Error("encodedList is not multibase base64url (it must start with u)");
  return new Uint8Array(zlib.gunzipSync(Buffer.from(encoded.slice(1), "base64url")));
}
