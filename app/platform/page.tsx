import type { Metadata } from "next";
import { revalidatePath } from "next/cache";
import { AccountStatusForm } from "@/components/platform/account-status-form";
import { InviteCentreAdminForm } from "@/components/platform/invite-centre-admin-form";
import { CentreForm } from "@/components/enrolments/centre-form";
import { CountedPagination } from "@/components/ui/pagination";
import { Refusal } from "@/components/ui/refusal";
import { getActor, requireActor } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { db } from "@/lib/db";
import { failed, formValues, signedOut, succeeded, type FormState } from "@/lib/enrolments/form-state";
import { PAGE_SIZE } from "@/lib/enrolments/input";
import { formatDate } from "@/lib/format/date";
import { createCentre as createCentreFor } from "@/lib/platform/create-centre";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Centres" };

const everyCentre = { kind: "centre", centreId: "*" } as const;

/** Creates a training centre; only platform admins may. Audited in the same transaction. */
async function createCentre(previous: FormState, formData: FormData): Promise<FormState> {
  "use server";
  const values = formValues(formData, ["name", "slug", "timeZone"]);
  const actor = await getActor();
  if (!actor) return signedOut(previous, values);
  let name: string;
  try {
    ({ name } = await createCentreFor(db, actor, values));
  } catch (error) {
    return failed(previous, error, values);
  }
  revalidatePath("/platform");
  return succeeded(previous, `${name} has been created. Invite its first centre admin below, under “Invite a centre admin”.`);
}

export default async function PlatformPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!can(actor, "centre.create", everyCentre)) {
    return (
      <Refusal title="Centres">
        <p>Only platform administrators can list and create training centres.</p>
        <p>If you need a new centre, ask the people who run this service.</p>
      </Refusal>
    );
  }
  const { page: pageText } = await searchParams;
  const requested = Number.parseInt((Array.isArray(pageText) ? pageText[0] : pageText) ?? "", 10) || 1;
  const total = await db.centre.count();
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, requested), pageCount);
  const centres = await db.centre.findMany({
    select: {
      id: true,
      name: true,
      slug: true,
      timeZone: true,
      createdAt: true,
      _count: { select: { enrolments: true, memberships: { where: { role: "CENTRE_ADMIN" } } } },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  // Every centre, by name, for the invitation form (a platform has tens of centres, not thousands).
  const centreChoices = await db.centre.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Centres</h1>
        <p className="max-w-3xl text-slate-700">Every training centre on this service. Create a centre here; its admins then invite its people and enrol candidates.</p>
      </div>

      <section aria-labelledby="centres-heading" className="space-y-3">
        <h2 id="centres-heading" className="text-xl font-semibold">
          All centres
        </h2>
        {total === 0 ? (
          <p className="rounded border border-slate-300 bg-white p-4">There are no centres yet. Create the first one below.</p>
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className="w-full border-collapse bg-white text-left">
                <caption className="mb-2 text-left font-semibold">Training centres ({total})</caption>
                <thead>
                  <tr className="border-b-2 border-slate-400">
                    <th scope="col" className="px-3 py-2">
                      Centre
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Short name
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Time zone
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Centre admins
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Enrolments
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Created
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {centres.map((centre) => (
                    <tr key={centre.id} className="border-b border-slate-200">
                      <th scope="row" className="px-3 py-2 font-medium">
                        {centre.name}
                      </th>
                      <td className="px-3 py-2">{centre.slug}</td>
                      <td className="px-3 py-2">{centre.timeZone}</td>
                      <td className="px-3 py-2">{centre._count.memberships === 0 ? "None yet" : centre._count.memberships}</td>
                      <td className="px-3 py-2">{centre._count.enrolments}</td>
                      <td className="px-3 py-2">
                        <time dateTime={centre.createdAt.toISOString()}>{formatDate(centre.createdAt, centre.timeZone)}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <CountedPagination page={page} pageCount={pageCount} total={total} pageSize={PAGE_SIZE} basePath="/platform" noun="centres" />
          </>
        )}
      </section>

      <section aria-labelledby="create-heading" className="space-y-3 rounded border border-slate-200 bg-white p-4">
        <h2 id="create-heading" className="text-xl font-semibold">
          Create a centre
        </h2>
        <CentreForm action={createCentre} timeZones={Intl.supportedValuesOf("timeZone")} />
      </section>

      <section aria-labelledby="invite-admin-heading" className="space-y-3 rounded border border-slate-200 bg-white p-4">
        <h2 id="invite-admin-heading" className="text-xl font-semibold">
          Invite a centre admin
        </h2>
        <p className="text-slate-700">
          A new centre has nobody in it: invite its first admin here. They get an invitation link (in the centre&apos;s outbox, and by email when mail is set
          up); once they accept, they invite everyone else from People.
        </p>
        {centreChoices.length === 0 ? <p>Create a centre first.</p> : <InviteCentreAdminForm centres={centreChoices} />}
      </section>

      <section aria-labelledby="accounts-heading" className="space-y-3 rounded border border-slate-200 bg-white p-4">
        <h2 id="accounts-heading" className="text-xl font-semibold">
          Disable an account
        </h2>
        <p className="text-slate-700">
          A disabled account cannot sign in at any centre, and its sessions end at once. Centre admins cannot do this: they deactivate people at their own centre only.
        </p>
        <AccountStatusForm />
      </section>
    </div>
  );
}
