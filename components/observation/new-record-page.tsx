import { cache } from "react";
import { ObservationForm } from "@/components/observation/observation-form";
import { firstParam } from "@/components/assessment/page-parts";
import { BackLink } from "@/components/ui/back-link";
import { linkClass, noticeClass } from "@/components/ui/styles";
import { requireActor } from "@/lib/auth/session";
import { orNotFound, titleOnceFound } from "@/lib/authz/hidden-or-missing";
import { db } from "@/lib/db";
import { getObservationFormChoices } from "@/lib/observation/get-observation";
import type { AssessorRecordKind } from "@/lib/observation/input";
import { recordWords } from "@/lib/observation/words";

const intro: Record<AssessorRecordKind, string> = {
  observation:
    "It is added to their portfolio as evidence you recorded; they are asked to confirm it is an accurate record or dispute it. After saving, you can add photos, audio or video.",
  professionalDiscussion:
    "It is added to their portfolio as evidence you recorded; they are asked to confirm it is an accurate record or dispute it. After saving, add the recording and mark the moments where it covers each criterion.",
};

/** The page on which the assigned assessor records an observation or a discussion of one enrolment. */
export function newRecordRoute(kind: AssessorRecordKind) {
  const words = recordWords[kind];
  const load = cache(async (enrolmentId: string) =>
    orNotFound(getObservationFormChoices(db, await requireActor(), enrolmentId)),
  );
  return {
    generateMetadata: titleOnceFound(words.record, ({ enrolmentId }: { enrolmentId: string }) => load(enrolmentId)),
    Page: async function NewRecordPage({
      params,
      searchParams,
    }: {
      params: Promise<{ enrolmentId: string }>;
      searchParams: Promise<Record<string, string | string[] | undefined>>;
    }) {
      const { enrolmentId } = await params;
      const activityId = firstParam((await searchParams).activity) ?? "";
      const choices = await load(enrolmentId);
      return (
        <div className="space-y-6">
          <BackLink href={`/assessor/enrolments/${encodeURIComponent(enrolmentId)}`} className={linkClass}>
            Back to the assessment record
          </BackLink>
          <div className="space-y-2">
            <h1 className="text-3xl font-bold">{words.record}</h1>
            <p className="max-w-3xl text-slate-700">
              {kind === "observation" ? "Of" : "With"} {choices.candidateName}, for {choices.unitCode}{" "}
              {choices.unitTitle}. {intro[kind]}
            </p>
          </div>
          {choices.closed ? (
            <p role="alert" className={noticeClass}>
              {choices.closed}
            </p>
          ) : (
            <ObservationForm choices={choices} kind={kind} activityId={activityId} />
          )}
        </div>
      );
    },
  };
}
