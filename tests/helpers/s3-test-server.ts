import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { S3Settings } from "@/lib/storage/s3";

// s3rver, an S3-compatible server, started in-process on a free port with one bucket, for the
// tests that need a bucket (CI needs nothing else). It checks no signatures: never test
// credentials against it. Its limits are in docs/decisions/0023-object-storage.md.

type S3rverServer = {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  /** s3rver's S3 event notifications: one per object put, copied or deleted. */
  on(event: "event", listener: (event: unknown) => void): void;
};
const S3rver = createRequire(import.meta.url)("s3rver") as new (options: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverServer;

export type S3TestServer = {
  /** Settings for the providers and checks, naming the bucket made at start. */
  settings: S3Settings;
  /** Every object event the server has seen (put, copy, delete), oldest first. */
  events: unknown[];
  stop(): Promise<void>;
};

export async function startS3TestServer(bucket: string): Promise<S3TestServer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "cp-s3rver-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const events: unknown[] = [];
  server.on("event", (event) => events.push(event));
  const { port } = await server.run();
  return {
    settings: {
      endpoint: `http://127.0.0.1:${port}`,
      bucket,
      region: "us-east-1",
      accessKeyId: "S3RVER",
      secretAccessKey: "S3RVER",
      forcePathStyle: true,
    },
    events,
    stop: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
