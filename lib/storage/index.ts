import { env } from "../env";
import { LocalDiskStorage } from "./local-disk";
import type { StorageProvider } from "./storage-provider";

export type { ByteRange, StorageProvider, WriteTarget } from "./storage-provider";

let instance: StorageProvider | undefined;

/**
 * The storage the app uses: local disk under STORAGE_DIR.
 *
 * An S3 (or S3-compatible) provider would slot in here, chosen by an env variable such as
 * STORAGE_URL=s3://bucket/prefix: createWriteTarget would start a multipart upload (with
 * readWritten reading back from a small local spool or a ranged GET), commit would complete
 * it, abort would call AbortMultipartUpload, and openRead would be a ranged GetObject. Callers
 * only ever see the StorageProvider interface.
 */
export function storage(): StorageProvider {
  instance ??= new LocalDiskStorage(env.STORAGE_DIR);
  return instance;
}
