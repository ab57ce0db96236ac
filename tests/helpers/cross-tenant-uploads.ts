import crypto from "node:crypto";
import type { SessionActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { storage } from "@/lib/storage";
import { createTusUploads } from "@/lib/uploads/tus-server";

// A resumable upload of Cara's in progress, for the cross-tenant suite to attack: started on her
// draft evidence through the tus server as the route drives it, and half sent, so it has an
// UploadSession row and staged bytes in UPLOAD_STAGING_DIR. Only Cara may continue, query or
// cancel it.

const uploadLength = 2000;
const uploadSent = 1000;

const pdfHeader = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1");
const b64 = (value: string) => Buffer.from(value, "utf8").toString("base64");

function tusRequest(method: string, url: string, headers: Record<string, string>, body?: Buffer): Request {
  return new Request(`http://portfolio.test${url}`, {
    method,
    headers: { "Tus-Resumable": "1.0.0", ...headers },
    body: body ? new Uint8Array(body) : undefined,
  });
}

/** Starts Cara's upload and sends its first half: its id, its length and the bytes sent. */
export async function uploadInProgressFixture(db: Db, cara: SessionActor, evidenceId: string) {
  const uploads = createTusUploads({
    db,
    stagingDir: env.UPLOAD_STAGING_DIR,
    storage: storage(),
    limits: { maxBytes: env.UPLOAD_MAX_BYTES, quotaBytes: env.CANDIDATE_QUOTA_BYTES },
  });
  const created = await uploads.handle(
    tusRequest("POST", "/api/uploads", {
      "Upload-Length": String(uploadLength),
      "Upload-Metadata": `evidenceId ${b64(evidenceId)},filename ${b64("appraisal.pdf")}`,
    }),
    cara,
  );
  const location = created.headers.get("location") ?? "";
  if (created.status !== 201) throw new Error(`starting Cara's upload failed: ${await created.text()}`);
  const firstHalf = Buffer.concat([pdfHeader, crypto.randomBytes(uploadSent - pdfHeader.length)]);
  const patched = await uploads.handle(
    tusRequest(
      "PATCH",
      location,
      { "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" },
      firstHalf,
    ),
    cara,
  );
  if (patched.status !== 204) throw new Error(`sending half of Cara's upload failed: ${await patched.text()}`);
  const id = location.split("/").pop() ?? "";
  await db.uploadSession.findUniqueOrThrow({ where: { id } });
  return { id, length: uploadLength, sent: uploadSent };
}
