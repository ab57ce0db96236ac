import type { Metadata } from "next";
import Link from "next/link";
import { EvidenceForm } from "@/components/evidence/evidence-form";
import { createEvidenceAction } from "@/lib/actions/evidence-create";
import { requireActor } from "@/lib/auth/session";
import { roleLabels } from "@/lib/authz/labels";
import { todayUtc } from "@/lib/evidence/evidence-form-schema";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Add evidence" };

export default async function NewEvidencePage() {
  const actor = await requireActor();
  if (actor.active?.role !== "CANDIDATE") {
    return (
      <div className="max-w-3xl space-y-4">
        <h1 className="text-3xl font-bold">Add evidence</h1>
        <p role="alert" className="rounded border-2 border-amber-700 bg-amber-50 p-4 text-amber-950">
          Only candidates add evidence.{" "}
          {actor.active ? `You are acting as ${roleLabels[actor.active.role].toLowerCase()} at ${actor.active.centreName}. ` : ""}
          If you are also a candidate, choose that role with “Acting as” at the top of the page.
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <p>
        <Link href="/candidate/evidence" className="text-brand-700 underline underline-offset-4">
          Back to your evidence
        </Link>
      </p>
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Add evidence</h1>
        <p className="max-w-3xl text-slate-700">
          Describe one piece of evidence from your work. After saving it you can add files and map it to the criteria it proves.
        </p>
      </div>
      <EvidenceForm action={createEvidenceAction} submitLabel="Save evidence" cancelHref="/candidate/evidence" today={todayUtc()} />
    </div>
  );
}
