import { LocalDiskStorage } from "./local-disk";
import { S3Storage, s3SettingsOf, type StorageEnv } from "./s3";
import type { StorageProvider } from "./storage-provider";

// Without lib/env, so that npm run doctor and the backup commands can build a provider from a
// configuration they check themselves.

/** The provider STORAGE_DRIVER names: local disk under STORAGE_DIR, or an S3-compatible bucket. */
export function storageFor(source: StorageEnv): StorageProvider {
  return source.STORAGE_DRIVER === "s3" ? new S3Storage(s3SettingsOf(source)) : new LocalDiskStorage(source.STORAGE_DIR);
}
