// npm run pack:verify <zip>: checks an evidence pack (lib/packs/verify.ts) with nothing but the
// pack: every file re-hashed against manifest.json (a changed, missing or extra file is named),
// every decision signature recomputed from the manifest's facts as the app computes it. Exits 0
// with a one-line summary when all is well (notes, such as files that were missing from storage
// when the pack was made, go to stderr); 1 naming each difference; 2 when the file cannot be read.
import fs from "node:fs";
import { verifyPack } from "../lib/packs/verify";

const zipPath = process.argv[2];
if (!zipPath || process.argv.length > 3) {
  console.error("Usage: npm run pack:verify -- <evidence-pack.zip>");
  process.exit(2);
}
if (!fs.existsSync(zipPath)) {
  console.error(`${zipPath}: no such file.`);
  process.exit(2);
}
try {
  const check = await verifyPack(zipPath);
  for (const note of check.notes) console.error(`note: ${note}`);
  if (check.ok) console.log(check.summary);
  else {
    for (const problem of check.problems) console.error(problem);
    console.error(check.summary);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`${zipPath}: cannot be read as a ZIP (${error instanceof Error ? error.message : String(error)}).`);
  process.exitCode = 2;
}
