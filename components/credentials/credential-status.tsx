import { StatusTag } from "@/components/ui/status-tag";
import { formatDate } from "@/lib/format/date";

/** Whether a credential stands, in words: "Valid", or "Revoked on <date>". */
export function CredentialStatus({ revokedAt, timeZone }: { revokedAt: Date | null; timeZone: string }) {
  return revokedAt ? (
    <StatusTag tone="negative">Revoked on {formatDate(revokedAt, timeZone)}</StatusTag>
  ) : (
    <StatusTag tone="positive">Valid</StatusTag>
  );
}
