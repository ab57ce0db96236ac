import { InputField, TextAreaField } from "@/components/ui/field";
import { errorsFor, valueOf, type FormState } from "@/lib/forms/form-state";
import { evidenceLimits } from "@/lib/evidence/evidence-form-values";
import type { AssessorRecordKind } from "@/lib/observation/input";

// The details of an observation, as both the record form and the correction form ask for them.
// Each field shows what the last refused submission sent, else what the record holds.

export type ObservationDetailValues = {
  title: string;
  activityDate: string;
  startTime: string;
  endTime: string;
  location: string;
  description: string;
  /** A discussion's agenda; an observation has none. */
  agenda?: string;
};

/** The field ids an error summary links to, by field name. */
export function observationFieldIds(prefix: string): Record<keyof Required<ObservationDetailValues>, string> {
  return {
    title: `${prefix}-title`,
    activityDate: `${prefix}-date`,
    startTime: `${prefix}-start`,
    endTime: `${prefix}-end`,
    location: `${prefix}-location`,
    description: `${prefix}-description`,
    agenda: `${prefix}-agenda`,
  };
}

export function ObservationDetailsFields({
  state,
  initial,
  prefix,
  timeZone,
  kind = "observation",
}: {
  state: FormState<unknown>;
  initial: ObservationDetailValues;
  prefix: string;
  timeZone: string;
  kind?: AssessorRecordKind;
}) {
  const ids = observationFieldIds(prefix);
  const value = (field: keyof ObservationDetailValues) => valueOf(state, field, initial[field] ?? "");
  const discussion = kind === "professionalDiscussion";
  return (
    <>
      <InputField
        id={ids.title}
        name="title"
        label="Title"
        hint="A short name for what you observed, for example “Handling a complaint at the counter”."
        required
        maxLength={evidenceLimits.title}
        defaultValue={value("title")}
        errors={errorsFor(state, "title")}
      />
      <InputField
        id={ids.activityDate}
        name="activityDate"
        type="date"
        label={discussion ? "Date of the discussion" : "Date of the observation"}
        required
        defaultValue={value("activityDate")}
        errors={errorsFor(state, "activityDate")}
        controlClassName="max-w-xs"
      />
      <TimeFields state={state} ids={ids} value={value} timeZone={timeZone} />
      <InputField
        id={ids.location}
        name="location"
        label={discussion ? "Where or how it took place" : "Where it took place"}
        hint={
          discussion
            ? "For example “Northgate office, meeting room 2” or “By video call”."
            : "The workplace and the part of it, for example “Northgate contact centre, front desk”."
        }
        required
        maxLength={200}
        defaultValue={value("location")}
        errors={errorsFor(state, "location")}
      />
      <RecordTexts state={state} ids={ids} value={value} discussion={discussion} />
    </>
  );
}

/** The start and end times, side by side. */
function TimeFields({
  state,
  ids,
  value,
  timeZone,
}: {
  state: FormState<unknown>;
  ids: Record<keyof Required<ObservationDetailValues>, string>;
  value: (field: keyof ObservationDetailValues) => string;
  timeZone: string;
}) {
  return (
    <div className="flex flex-wrap gap-6">
      <InputField
        id={ids.startTime}
        name="startTime"
        type="time"
        label="Start time"
        hint={`24-hour clock, ${timeZone} time`}
        required
        defaultValue={value("startTime")}
        errors={errorsFor(state, "startTime")}
        controlClassName="max-w-[10rem]"
      />
      <InputField
        id={ids.endTime}
        name="endTime"
        type="time"
        label="End time"
        hint={`24-hour clock, ${timeZone} time`}
        required
        defaultValue={value("endTime")}
        errors={errorsFor(state, "endTime")}
        controlClassName="max-w-[10rem]"
      />
    </div>
  );
}

const markdownHint =
  "Plain text, or Markdown: **bold**, *italic*, lists starting with - or 1., headings starting with ###.";

/** A discussion's agenda (a discussion only), then what was observed or said. */
function RecordTexts({
  state,
  ids,
  value,
  discussion,
}: {
  state: FormState<unknown>;
  ids: Record<keyof Required<ObservationDetailValues>, string>;
  value: (field: keyof ObservationDetailValues) => string;
  discussion: boolean;
}) {
  return (
    <>
      {discussion ? (
        <TextAreaField
          id={ids.agenda}
          name="agenda"
          label="Questions or agenda"
          hint="What you planned to cover, one question or topic per line. Plain text or Markdown."
          rows={5}
          maxLength={evidenceLimits.description}
          defaultValue={value("agenda")}
          errors={errorsFor(state, "agenda")}
        />
      ) : null}
      <TextAreaField
        id={ids.description}
        name="description"
        label={discussion ? "Summary of the discussion" : "What you observed"}
        hint={
          discussion
            ? `What the candidate said and what it shows, topic by topic. ${markdownHint}`
            : `What the candidate did, in order, and what it shows. ${markdownHint}`
        }
        required
        rows={8}
        maxLength={evidenceLimits.description}
        defaultValue={value("description")}
        errors={errorsFor(state, "description")}
      />
    </>
  );
}
