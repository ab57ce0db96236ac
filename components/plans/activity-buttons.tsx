"use client";

import { useActionState } from "react";
import { EnrolmentForm } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { agreeToActivityAction, cancelActivityAction, completeActivityAction } from "@/lib/actions/plan-activity";

const actions = {
  agree: { action: agreeToActivityAction, label: "Agree to this activity", pending: "Agreeing…", variant: "primary" },
  complete: { action: completeActivityAction, label: "Mark as done", pending: "Saving…", variant: "secondary" },
  cancel: { action: cancelActivityAction, label: "Cancel this activity", pending: "Cancelling…", variant: "secondary" },
} as const;

/** One change to a planned activity, as a one-button form that says why when it is refused. */
export function ActivityButton({
  kind,
  enrolmentId,
  activityId,
  activityName,
}: {
  kind: keyof typeof actions;
  enrolmentId: string;
  activityId: string;
  /** Names the form for screen readers: which activity this button changes. */
  activityName: string;
}) {
  const chosen = actions[kind];
  const [state, action, pending] = useActionState(chosen.action, null);
  return (
    <EnrolmentForm
      state={state}
      action={action}
      label={`${chosen.label}: ${activityName}`}
      enrolmentId={enrolmentId}
      fieldIds={{}}
    >
      <input type="hidden" name="activityId" value={activityId} />
      <SubmitButton pending={pending} label={chosen.label} pendingLabel={chosen.pending} variant={chosen.variant} />
    </EnrolmentForm>
  );
}
