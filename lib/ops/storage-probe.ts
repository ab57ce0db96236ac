import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

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
