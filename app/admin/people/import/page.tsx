import type { Metadata } from "next";
import { ImportForm } from "@/components/people/import-form";
import { BackToPeople } from "@/components/people/back-to-people";
import { refusalMessage } from "@/components/people/refusal";
import { Refusal } from "@/components/ui/refusal";
import { linkClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import candidates from CSV" };

export default async function ImportCandidatesPage() {
  const actor = await requireActor();
  const centreId = actor.active?.centreId;
  if (!centreId || !actor.active || !can(actor, "user.invite", { kind: "centre", centreId })) {
    return (
      <Refusal
        title="Import candidates from CSV"
        message={refusalMessage(actor, "this page")}
        linkClassName={linkClass}
      />
    );
  }
  return (
    <div className="space-y-6">
      <BackToPeople />
      <div className="max-w-3xl space-y-3">
        <h1 className="text-3xl font-bold">Import candidates from CSV</h1>
        <p className="text-slate-700">
          Add many candidates to {actor.active.centreName} at once. Save a spreadsheet as CSV with a header row naming
          the columns <code>name</code> and <code>email</code> (other columns are ignored), then one row per candidate:
        </p>
        <pre className="rounded border border-slate-300 bg-white p-3 text-sm">
          {"name,email\nCara Jones,cara.jones@example.org\nDev Shah,dev.shah@example.org"}
        </pre>
        <p className="text-slate-700">
          Every row is checked first. If any row has a problem, nothing is imported and you see which rows to fix.
          People who already have an account are given the candidate role rather than a second account. Each new person
          gets an invitation link, shown after the import and kept in the outbox.
        </p>
      </div>
      <ImportForm />
    </div>
  );
}
