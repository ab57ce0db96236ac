import { PassThrough, Readable, Writable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Env } from "../env-schema";
import { assertKey, keyPattern, newKey } from "./keys";
import type { ByteRange, StorageProvider, WriteTarget } from "./storage-provider";

/** Where and how to reach the bucket (STORAGE_DRIVER=s3; lib/env-schema.ts). */
export type S3Settings = {
  /** Unset: AWS S3's own endpoint for the region. */
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
};

export type StorageEnv = Pick<
  Env,
  | "STORAGE_DRIVER"
  | "STORAGE_DIR"
  | "S3_ENDPOINT"
  | "S3_BUCKET"
  | "S3_REGION"
  | "S3_ACCESS_KEY_ID"
  | "S3_SECRET_ACCESS_KEY"
  | "S3_FORCE_PATH_STYLE"
>;

/**
 * The S3 settings of a parsed environment. Path-style URLs (https://host/bucket/key) unless told
 * otherwise when an endpoint is given (MinIO, R2 and most self-hosted servers need or accept
 * them); virtual-hosted (https://bucket.s3.region.amazonaws.com/key) for AWS S3 itself.
 */
export function s3SettingsOf(source: StorageEnv): S3Settings {
  const { S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = source;
  // lib/env-schema.ts refuses STORAGE_DRIVER=s3 without these; this only narrows the types.
  if (!bucket || !accessKeyId || !secretAccessKey)
    throw new Error("STORAGE_DRIVER=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY");
  return {
    ...(source.S3_ENDPOINT ? { endpoint: source.S3_ENDPOINT } : {}),
    bucket,
    region: source.S3_REGION,
    accessKeyId,
    secretAccessKey,
    forcePathStyle: source.S3_FORCE_PATH_STYLE ?? Boolean(source.S3_ENDPOINT),
  };
}

// Objects live under objects/<key>; a pending upload has a zero-byte mark at pending/<key>
// from before its first byte until its caller has recorded the key (docs/decisions/0023).
const objectPrefix = "objects/";
const pendingPrefix = "pending/";
// Parts are buffered in memory while they are sent: about (queueSize + 1) × partSize per upload.
const partSize = 8 * 1024 * 1024;
const queueSize = 2;

export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    region: settings.region,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    forcePathStyle: settings.forcePathStyle,
    // The SDK's default (WHEN_SUPPORTED) sends stream bodies with aws-chunked framing and a
    // trailing checksum, which MinIO-like servers can store as the object's content while
    // answering 200. Checksums only where an operation requires one: same on every server.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

/** A stored object that is not there; `code` matches a missing file's, so callers treat both alike. */
export class MissingObjectError extends Error {
  readonly code = "ENOENT";
  constructor(key: string, options?: ErrorOptions) {
    super(`stored object ${key} does not exist`, options);
  }
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === "NoSuchKey" || name === "NotFound";
}

/**
 * The bytes of `wanted` from a ranged GET's body. HTTP lets a server answer a Range with more
 * than was asked (a whole 200, or a wider 206: s3rver reads "bytes=0-0" as the whole object), so
 * what was served is read from Content-Range and cut down to the range asked for.
 */
export async function* withinRange(
  body: AsyncIterable<Uint8Array>,
  contentRange: string | undefined,
  wanted: ByteRange,
): AsyncGenerator<Uint8Array> {
  const servedStart = Number(/^bytes (\d+)-\d+\//.exec(contentRange ?? "")?.[1] ?? 0);
  if (servedStart > wanted.start)
    throw new Error(`asked the server for bytes ${wanted.start}-${wanted.end}, it sent ${contentRange}`);
  let skip = wanted.start - servedStart;
  let left = wanted.end - wanted.start + 1;
  for await (const chunk of body) {
    const part = chunk.subarray(Math.min(skip, chunk.length), Math.min(skip, chunk.length) + left);
    skip -= Math.min(skip, chunk.length);
    left -= part.length;
    if (part.length > 0) yield part;
    if (left === 0) return;
  }
  throw new Error(`the server's answer ended ${left} bytes short of bytes ${wanted.start}-${wanted.end}`);
}

/**
 * The writable side of an upload: bytes go on to lib-storage's Upload (multipart above one part,
 * one PutObject below), with backpressure; "finish" waits for the upload to complete, and an
 * upload that fails destroys the stream, so the caller's pipeline sees the error.
 */
function uploadWritable(body: PassThrough, done: Promise<unknown>): Writable {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (body.write(chunk)) callback();
      else body.once("drain", () => callback());
    },
    final(callback) {
      body.end();
      done.then(() => callback(), callback);
    },
    destroy(error, callback) {
      // The upload reads the error, stops, and abandons its multipart upload (lib-storage).
      if (!body.destroyed) body.destroy(error ?? new Error("upload cancelled"));
      callback(error);
    },
  });
  done.catch((error: unknown) => stream.destroy(error as Error));
  return stream;
}

/**
 * Evidence files in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2): the same steps as
 * LocalDiskStorage, with a marker object in place of the `.part` name (docs/decisions/0023).
 */
export class S3Storage implements StorageProvider {
  readonly client: S3Client;
  readonly bucket: string;

  constructor(settings: S3Settings, client: S3Client = createS3Client(settings)) {
    this.client = client;
    this.bucket = settings.bucket;
  }

  objectKeyOf(key: string): string {
    assertKey(key);
    return `${objectPrefix}${key}`;
  }

  async createWriteTarget(): Promise<WriteTarget> {
    const key = newKey();
    const objectKey = this.objectKeyOf(key);
    // The mark first: a crash from here on leaves something the sweep finds.
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: `${pendingPrefix}${key}`, Body: "", ContentLength: 0 }),
    );
    const body = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: objectKey, Body: body },
      partSize,
      queueSize,
    });
    const done = upload.done();
    // Resolves once no request of this upload is in flight, however it ended.
    const settled = done.then(
      () => undefined,
      () => undefined,
    );
    const stream = uploadWritable(body, done);
    stream.on("error", () => {});
    return this.target(key, stream, done, settled);
  }

  private target(key: string, stream: Writable, done: Promise<unknown>, settled: Promise<void>): WriteTarget {
    let state: "open" | "committed" | "recorded" | "aborted" = "open";
    return {
      key,
      stream,
      readWritten: () => this.openRead(key),
      commit: async () => {
        if (state !== "open") throw new Error(`cannot commit a write target that is ${state}`);
        if (!stream.writableFinished) throw new Error("cannot commit before the stream has finished");
        await done;
        state = "committed";
      },
      recorded: async () => {
        if (state !== "committed") throw new Error(`cannot mark a write target that is ${state} as recorded`);
        await this.deleteMark(key);
        state = "recorded";
      },
      abort: async () => {
        if (state !== "open" && state !== "committed") return;
        state = "aborted";
        if (!stream.destroyed && !stream.writableFinished) stream.destroy();
        // A part or PutObject still in flight could otherwise create the object after its delete.
        await settled;
        // The object first: a crash in between leaves the mark, and the sweep finishes the job.
        await this.delete(key);
        await this.deleteMark(key);
      },
    };
  }

  openRead(key: string, range?: ByteRange): Readable {
    const request = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKeyOf(key),
      ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
    });
    const client = this.client;
    // Lazy: the GET starts on the first read (a HEAD request never sends it).
    async function* chunks(): AsyncGenerator<Uint8Array> {
      let response;
      try {
        response = await client.send(request);
      } catch (error) {
        throw isMissing(error) ? new MissingObjectError(key, { cause: error }) : error;
      }
      const body = response.Body as AsyncIterable<Uint8Array>;
      yield* range ? withinRange(body, response.ContentRange, range) : body;
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  async stat(key: string): Promise<{ size: number }> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKeyOf(key) }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      throw isMissing(error) ? new MissingObjectError(key, { cause: error }) : error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.deleteQuietly(this.objectKeyOf(key));
  }

  private async deleteMark(key: string): Promise<void> {
    assertKey(key);
    await this.deleteQuietly(`${pendingPrefix}${key}`);
  }

  /** S3 answers 204 for a key that is not there; some compatible servers answer 404. */
  private async deleteQuietly(objectKey: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey }));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.stat(key);
      return true;
    } catch (error) {
      if (error instanceof MissingObjectError) return false;
      throw error;
    }
  }

  /**
   * Removes marks older than `olderThanMs` (by the mark's LastModified, written when the upload
   * started: no upload streams for a day), with their objects unless `isRecorded` says a record
   * names the key. Names under pending/ that are not keys are not ours and are left alone.
   */
  async sweepAbandonedParts(
    olderThanMs: number,
    now = Date.now(),
    isRecorded: (key: string) => Promise<boolean> = async () => true,
  ): Promise<number> {
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: pendingPrefix, ContinuationToken: token }),
      );
      for (const item of page.Contents ?? []) {
        const key = (item.Key ?? "").slice(pendingPrefix.length);
        const modified = item.LastModified?.getTime() ?? now;
        if (!keyPattern.test(key) || now - modified <= olderThanMs) continue;
        if ((await this.exists(key)) && !(await isRecorded(key))) await this.delete(key);
        await this.deleteMark(key);
        removed++;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return removed;
  }
}
