import Link from "next/link";
import { linkClass } from "@/components/ui/styles";
import type { Actor } from "@/lib/authz/policy";
import { standingCredentialOf } from "@/lib/credentials/read-credentials";
import { db } from "@/lib/db";

/** On a signed-off unit's page: a link to the candidate's credential for it, when there is one. */
export async function UnitCredentialLink({ actor, enrolmentId }: { actor: Actor; enrolmentId: string }) {
  const credential = await standingCredentialOf(db, actor, enrolmentId);
  if (!credential) return null;
  return (
    <p>
      <Link href={`/candidate/credentials#credential-${credential.id}`} className={linkClass}>
        Your credential for this unit (Open Badge): download it or share its public page
      </Link>
    </p>
  );
}
