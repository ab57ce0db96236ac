import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DeleteObjectCommand, HeadBucketCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createS3Client, type S3Settings } from "../storage/s3";

/**
 * Whether files can be written under the upload root: creates it if missing (as the first upload
 * would), writes a small file and removes it again. Leaves nothing behind either way.
 */
export async function probeStorage(root: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const dir = path.resolve(root);
  const probe = path.join(dir, `.probe-${crypto.randomBytes(8).toString("hex")}`);
  try {
    await fs.promises.mkdir(dir, { recursive: true });
    await fs.promises.writeFile(probe, "probe", { flag: "wx" });
    await fs.promises.unlink(probe);
    return { ok: true };
  } catch (error) {
    await fs.promises.rm(probe, { force: true }).catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      reason: `Cannot write to the upload directory ${dir}${code ? ` (${code})` : ""}. Check STORAGE_DIR and that the app's user may write there.`,
    };
  }
}

/**
 * Whether objects can be written to the bucket (STORAGE_DRIVER=s3): puts a small object under
 * probe/ and removes it again, within `timeoutMs`. Leaves nothing behind when it succeeds.
 */
export async function probeObjectStore(
  settings: S3Settings,
  timeoutMs = 5_000,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = createS3Client(settings);
  const Key = `probe/${crypto.randomBytes(8).toString("hex")}`;
  const where = `bucket ${settings.bucket} at ${settings.endpoint ?? `AWS S3 (${settings.region})`}`;
  try {
    const abortSignal = AbortSignal.timeout(timeoutMs);
    await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key, Body: "probe" }), { abortSignal });
    await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key }), { abortSignal });
    return { ok: true };
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    return {
      ok: false,
      reason: `Cannot write to the ${where}${typeof name === "string" ? ` (${name})` : ""}. Check S3_BUCKET, S3_ENDPOINT and S3_REGION, that the server answers, and that S3_ACCESS_KEY_ID may write there.`,
    };
  } finally {
    client.destroy();
  }
}

// One client per bucket settings for the process: the readiness probe runs every few seconds,
// and a client keeps its connections open between polls.
const bucketClients = new Map<string, S3Client>();

/**
 * Whether the bucket answers (STORAGE_DRIVER=s3), cheaply enough for a load balancer's every
 * poll: one HeadBucket, within `timeoutMs`. It writes nothing (the doctor's probeObjectStore
 * checks a write); it finds a server that is down, a bucket that is gone and a key that may not
 * list the bucket.
 */
export async function probeBucket(
  settings: S3Settings,
  timeoutMs = 3_000,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const id = JSON.stringify(settings);
  let client = bucketClients.get(id);
  if (!client) bucketClients.set(id, (client = createS3Client(settings)));
  try {
    await client.send(new HeadBucketCommand({ Bucket: settings.bucket }), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
    return { ok: true };
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    const where = `bucket ${settings.bucket} at ${settings.endpoint ?? `AWS S3 (${settings.region})`}`;
    return {
      ok: false,
      reason: `The ${where} does not answer${typeof name === "string" ? ` (${name})` : ""}. Check S3_BUCKET, S3_ENDPOINT and S3_REGION, that the server answers, and that S3_ACCESS_KEY_ID may list the bucket.`,
    };
  }
}
