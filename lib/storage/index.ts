import { env } from "../env";
import { storageFor } from "./for-settings";
import type { StorageProvider } from "./storage-provider";

export type { ByteRange, StorageProvider, WriteTarget } from "./storage-provider";
export { storageFor } from "./for-settings";
export { s3SettingsOf } from "./s3";

let instance: StorageProvider | undefined;

/** The storage the app uses, chosen by STORAGE_DRIVER (docs/decisions/0023-object-storage.md). */
export function storage(): StorageProvider {
  instance ??= storageFor(env);
  return instance;
}
