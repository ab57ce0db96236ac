import { env, type Env } from "../env";
import { LocalDiskStorage } from "./local-disk";
import { S3Storage, type S3Settings } from "./s3";
import type { StorageProvider } from "./storage-provider";

export type { ByteRange, StorageProvider, WriteTarget } from "./storage-provider";

type StorageEnv = Pick<
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

/** The provider STORAGE_DRIVER names: local disk under STORAGE_DIR, or an S3-compatible bucket. */
export function storageFor(source: StorageEnv): StorageProvider {
  return source.STORAGE_DRIVER === "s3" ? new S3Storage(s3SettingsOf(source)) : new LocalDiskStorage(source.STORAGE_DIR);
}

let instance: StorageProvider | undefined;

/** The storage the app uses, chosen by STORAGE_DRIVER. Callers only ever see StorageProvider. */
export function storage(): StorageProvider {
  instance ??= storageFor(env);
  return instance;
}
