// The floor for the upload bench (scripts/bench/upload-bench.ts): the least a Node server can do
// for one upload and still do what the app's upload route does with the bytes. A bare node:http
// server pipes the request body through a SHA-256 hashing Transform into
// <root>/tmp/<random>.part (created "wx", mode 0600, fsync'd before close, exactly like
// lib/storage/local-disk.ts), renames it to <root>/<key[0..2]>/<key> and answers 201 with
// { key, size, sha256 }. No framework, no session, no database, no type sniffing.
//
//   node scripts/bench/upload-floor-server.mjs <root>
//
// Plain JavaScript run by plain `node`, so this process carries nothing but the server (no
// TypeScript loader) and is measured the same way as the `next start` process. It listens on a
// free port on 127.0.0.1 and prints one JSON line, {"port": N}, once it accepts requests.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

const root = process.argv[2];
if (!root) {
  process.stderr.write("usage: node scripts/bench/upload-floor-server.mjs <root>\n");
  process.exit(2);
}

/** @param {fs.WriteStream} stream */
function closed(stream) {
  return stream.closed ? Promise.resolve() : new Promise((resolve) => stream.once("close", resolve));
}

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body */
function send(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(json),
    "Cache-Control": "no-store",
  });
  res.end(json);
}

const server = http.createServer(async (req, res) => {
  if (req.method !== "POST") return send(res, 405, { message: "POST a file" });
  const key = crypto.randomBytes(16).toString("hex");
  const tmpDir = path.join(root, "tmp");
  const partPath = path.join(tmpDir, `${crypto.randomBytes(16).toString("hex")}.part`);
  const finalPath = path.join(root, key.slice(0, 2), key);
  const hash = crypto.createHash("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk, _encoding, callback) {
      size += chunk.length;
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  let out;
  try {
    await fs.promises.mkdir(tmpDir, { recursive: true });
    out = fs.createWriteStream(partPath, { flags: "wx", mode: 0o600, flush: true });
    await pipeline(req, meter, out);
    await closed(out);
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) !== size)
      throw new Error(`body was ${size} bytes, Content-Length said ${declared}`);
    await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
    await fs.promises.rename(partPath, finalPath);
    send(res, 201, { key, size, sha256: hash.digest("hex") });
  } catch (error) {
    if (out) {
      out.destroy();
      await closed(out);
    }
    await fs.promises.rm(partPath, { force: true });
    if (!res.headersSent && !res.destroyed) send(res, 500, { message: String(error) });
  }
});

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close(() => process.exit(0)));
