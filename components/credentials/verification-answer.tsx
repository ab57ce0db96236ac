import Link from "next/link";
import { StatusTag } from "@/components/ui/status-tag";
import { linkClass } from "@/components/ui/styles";
import { resultWords } from "@/lib/credentials/result-words";
import type { Verification } from "@/lib/credentials/verify-credential";

/** A verification's outcome in words: the result, why, and what the credential says it is. */
export function VerificationAnswer({ verification }: { verification: Verification }) {
  const words = resultWords[verification.result];
  const summary = verification.summary;
  return (
    <div className="space-y-2">
      <p className="text-lg">
        <span className="font-semibold">Result: </span>
        <StatusTag tone={words.tone}>{words.label}</StatusTag>
      </p>
      <p>{verification.reason}</p>
      {summary && summary.name ? (
        <p>
          The credential says: “{summary.name}”, issued by {summary.issuerName || "an unnamed issuer"}, valid from{" "}
          <time dateTime={summary.validFrom}>{summary.validFrom.slice(0, 10)}</time>.
          {summary.page ? (
            <>
              {" "}
              <Link href={new URL(summary.page).pathname} className={linkClass}>
                Its public page
              </Link>
              .
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
