import Link from "next/link";
import { cache } from "react";
import { DoneBanner, firstParam, Time } from "@/components/assessment/page-parts";
import { ActionRespondForm } from "@/components/qa/action-respond-form";
import { ActionThreadView } from "@/components/qa/action-thread";
import { BackLink } from "@/components/ui/back-link";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { linkClass, panelClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { formatDate, formatDateTime } from "@/lib/format/date";
import { getActionThread, type ActionThread } from "@/lib/qa/actions";

export const dynamic = "force-dynamic";

const load = cache(async (actionId: string) => orNotFound(getActionThread(db, await requireActor(), actionId)));
export const generateMetadata = titleOnceFound("QA action", ({ actionId }: { actionId: string }) => load(actionId));

const doneMessages: Record<string, string> = {
  responded: "Response sent. Whoever set the action has been told; they close it or ask for more.",
};

/** What the action came from: the sampled decision with its evidence, or the EQA visit. */
function Origin({ action }: { action: ActionThread }) {
  const c = action.context;
  if (c.kind === "visit")
    return (
      <Section id="origin-title" title="Where it came from" className={`${panelClass} space-y-2`}>
        <p>
          The external quality assurer&apos;s visit “{c.title}”, from{" "}
          <Time date={c.startsAt}>{formatDate(c.startsAt, action.timeZone)}</Time>.
        </p>
      </Section>
    );
  if (c.kind !== "item") return null;
  return (
    <Section id="origin-title" title="The decision it came from" className={`${panelClass} space-y-2`}>
      <DescriptionList
        items={[
          { term: "Candidate", details: c.candidateName },
          { term: "Criterion", details: `${c.unitCode} ${c.criterionRef} ${c.criterionText}` },
          {
            term: "Your decision",
            details: (
              <>
                {c.decisionOutcome === "MET" ? "Met" : "Not yet met"}, signed on{" "}
                <Time date={c.decisionSignedAt}>{formatDateTime(c.decisionSignedAt, action.timeZone)}</Time>
              </>
            ),
          },
        ]}
      />
      {c.evidence.length > 0 ? (
        <>
          <h3 className="font-semibold">The evidence it rests on</h3>
          <ul className="list-disc pl-5">
            {c.evidence.map((e) => (
              <li key={e.id}>
                <Link href={`/assessor/review/${encodeURIComponent(e.id)}`} className={linkClass}>
                  {e.title}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link href={`/assessor/enrolments/${encodeURIComponent(c.enrolmentId)}`} className={linkClass}>
          Open the assessment record
        </Link>
      </p>
    </Section>
  );
}

export default async function QaActionPage({
  params,
  searchParams,
}: {
  params: Promise<{ actionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { actionId } = await params;
  const done = firstParam((await searchParams).done);
  const action = await load(actionId);
  return (
    <div className="space-y-8">
      <BackLink href="/assessor/qa-actions" className={linkClass}>
        Back to your QA actions
      </BackLink>
      <PageHeader title={`QA action: ${action.about}`} />
      <DoneBanner message={done ? (doneMessages[done] ?? null) : null} />
      <Origin action={action} />
      <ActionThreadView action={action} headingLevel={2}>
        {action.abilities.respond ? (
          <ActionRespondForm actionId={action.id} />
        ) : action.status === "closed" ? (
          <p className="text-slate-700">This action is closed. If more is needed, whoever set it re-opens it.</p>
        ) : null}
      </ActionThreadView>
    </div>
  );
}
