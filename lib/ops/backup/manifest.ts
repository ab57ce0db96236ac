import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

// manifest.json: what a backup holds, written last (a directory without it is not a finished
// backup). Restore checks every byte it copies against it (docs/decisions/0013-backup-and-restore.md).

export const MANIFEST_FILE = "manifest.json";
/** Evidence files live under this folder of the backup, laid out by key as in storage. */
export const FILES_DIR = "files";

/** An operator's mistake or a refusal: the message says what is wrong and what to do. */
export class BackupError extends Error {}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.object({
  format: z.literal("competence-portfolio-backup"),
  formatVersion: z.literal(1),
  createdAt: z.iso.datetime(),
  appVersion: z.string(),
  database: z.object({
    provider: z.enum(["sqlite", "postgresql"]),
    /** The snapshot's file name in the backup directory. */
    file: z.string().regex(/^[\w.-]+$/),
    sha256,
    size: z.number().int().nonnegative(),
    /** The last migration the snapshot had applied, and all of them in order. */
    migration: z.string().nullable(),
    migrations: z.array(z.string()),
    /**
     * Each audit chain's head at the snapshot: a copy of the heads outside the database
     * (docs/decisions/0012-audit-chain.md, "what this does not protect against").
     */
    auditHeads: z.array(z.object({ chainId: z.string(), seq: z.number().int(), hash: sha256 })),
  }),
  files: z.array(z.object({ key: z.string().regex(/^[0-9a-f]{32}$/), size: z.number().int().nonnegative(), sha256 })),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** Where a stored object's copy lives inside a backup directory. */
export function backupPathOf(dir: string, key: string): string {
  return path.join(dir, FILES_DIR, key.slice(0, 2), key);
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const temp = path.join(dir, `${MANIFEST_FILE}.part`);
  await fs.promises.writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`, { flag: "wx", mode: 0o600, flush: true });
  await fs.promises.rename(temp, path.join(dir, MANIFEST_FILE));
}

export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await fs.promises.readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new BackupError(
        `${dir} is not a finished backup: it has no ${MANIFEST_FILE} (a backup that failed or is still running has none). Choose the directory npm run backup wrote.`,
      );
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError(`${file} is not valid JSON: the backup is damaged. Use another backup.`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError(
      `${file} is not a backup manifest this version reads (${issue?.path.join(".") || "top level"}: ${issue?.message}). Use another backup, or the app version that wrote it.`,
    );
  }
  return parsed.data;
}
