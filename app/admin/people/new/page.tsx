import type { Metadata } from "next";
import { InviteForm } from "@/components/people/invite-form";
import { BackToPeople } from "@/components/people/back-to-people";
import { refusalMessage } from "@/components/people/refusal";
import { Refusal } from "@/components/ui/refusal";
import { linkClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Add a person" };

export default async function NewPersonPage() {
  const actor = await requireActor();
  const centreId = actor.active?.centreId;
  if (!centreId || !actor.active || !can(actor, "user.invite", { kind: "centre", centreId })) {
    return <Refusal title="Add a person" message={refusalMessage(actor, "this page")} linkClassName={linkClass} />;
  }
  return (
    <div className="space-y-6">
      <BackToPeople />
      <div className="max-w-2xl space-y-2">
        <h1 className="text-3xl font-bold">Add a person</h1>
        <p className="text-slate-700">
          They get an invitation to {actor.active.centreName} with the roles you choose; the roles start when they
          accept it. Show the link to them or send it yourself: email delivery is only on when the server has a mail
          server configured.
        </p>
      </div>
      <InviteForm centreName={actor.active.centreName} />
    </div>
  );
}
