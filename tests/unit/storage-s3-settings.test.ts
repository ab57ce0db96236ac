import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env-schema";
import { s3SettingsOf, storageFor } from "@/lib/storage";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { S3Storage, withinRange } from "@/lib/storage/s3";

// STORAGE_DRIVER=s3 and its settings: refused with one line per missing variable, and the
// provider storage() builds. The S3 provider itself is tested against a server in
// tests/integration/storage-contract.test.ts.

function errorOf(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  throw new Error("parseEnv accepted the environment");
}

const minio = {
  STORAGE_DRIVER: "s3",
  S3_ENDPOINT: "http://127.0.0.1:9000",
  S3_BUCKET: "evidence",
  S3_ACCESS_KEY_ID: "portfolio",
  S3_SECRET_ACCESS_KEY: "a-secret-that-must-not-be-shown",
};

describe("storage settings", () => {
  it("uses local disk unless told otherwise", () => {
    expect(storageFor(parseEnv({}))).toBeInstanceOf(LocalDiskStorage);
  });

  it("refuses s3 without a bucket and an access key, naming each missing variable", () => {
    const message = errorOf({ STORAGE_DRIVER: "s3" });
    expect(message.split("\n")).toEqual([
      expect.stringMatching(/^Configuration error: S3_BUCKET must be set when STORAGE_DRIVER=s3/),
      expect.stringMatching(/^Configuration error: S3_ACCESS_KEY_ID must be set when STORAGE_DRIVER=s3/),
      expect.stringMatching(/^Configuration error: S3_SECRET_ACCESS_KEY must be set when STORAGE_DRIVER=s3/),
    ]);
  });

  it("says what a bad value should be, without echoing the secret", () => {
    const message = errorOf({ ...minio, STORAGE_DRIVER: "minio", S3_FORCE_PATH_STYLE: "sometimes" });
    expect(message).toContain('STORAGE_DRIVER must be disk or s3 (got "minio")');
    expect(message).toContain("S3_FORCE_PATH_STYLE must be true or false");
    expect(message).not.toContain(minio.S3_SECRET_ACCESS_KEY);
  });

  it("builds the S3 provider, with path-style URLs when an endpoint is given", () => {
    const env = parseEnv(minio);
    expect(storageFor(env)).toBeInstanceOf(S3Storage);
    expect(s3SettingsOf(env)).toEqual({
      endpoint: "http://127.0.0.1:9000",
      bucket: "evidence",
      region: "us-east-1",
      accessKeyId: "portfolio",
      secretAccessKey: minio.S3_SECRET_ACCESS_KEY,
      forcePathStyle: true,
    });
    const aws = parseEnv({ ...minio, S3_ENDPOINT: "", S3_REGION: "eu-west-2" });
    expect(s3SettingsOf(aws)).toMatchObject({ region: "eu-west-2", forcePathStyle: false });
    expect(s3SettingsOf(aws).endpoint).toBeUndefined();
    expect(s3SettingsOf(parseEnv({ ...minio, S3_FORCE_PATH_STYLE: "false" })).forcePathStyle).toBe(false);
  });
});

describe("a ranged read answered with more than was asked", () => {
  const bytes = Buffer.from("0123456789abcdefghij");
  const chunks = () => Readable.from([bytes.subarray(0, 7), bytes.subarray(7, 13), bytes.subarray(13)]);
  const read = async (contentRange: string | undefined, start: number, end: number) => {
    const parts: Uint8Array[] = [];
    for await (const part of withinRange(chunks(), contentRange, { start, end })) parts.push(part);
    return Buffer.concat(parts).toString();
  };

  it("is cut down to the bytes asked for", async () => {
    // A server that ignores Range sends 200 and everything; s3rver answers "bytes=0-0" with it all.
    expect(await read(undefined, 5, 14)).toBe("56789abcde");
    expect(await read("bytes 0-19/20", 0, 0)).toBe("0");
    expect(await read("bytes 0-19/20", 19, 19)).toBe("j");
  });

  it("fails rather than send short or shifted bytes", async () => {
    await expect(read(undefined, 15, 25)).rejects.toThrow("6 bytes short");
    await expect(read("bytes 10-19/20", 5, 9)).rejects.toThrow("it sent bytes 10-19/20");
  });
});
