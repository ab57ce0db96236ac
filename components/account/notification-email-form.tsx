"use client";

import { useActionState } from "react";
import { setNotificationEmailAction } from "@/lib/actions/notification-email";
import { errorsFor } from "@/lib/forms/form-state";
import { Choice, FieldSet } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/button";
import { alertClass, successClass } from "@/components/ui/styles";

const choices = [
  { value: "none", label: "No emails: I read notifications here" },
  { value: "immediate", label: "An email for each notification, as it happens" },
  { value: "daily", label: "One email a day listing my unread notifications" },
] as const;

/** Your account: how notifications reach the person by email. */
export function NotificationEmailForm({ current }: { current: string }) {
  const [state, formAction, pending] = useActionState(setNotificationEmailAction, null);
  const errors = errorsFor(state, "notificationEmail");
  return (
    <form key={state?.submission ?? 0} action={formAction} className="space-y-3">
      {state ? (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? successClass : alertClass}>
          {state.message}
        </p>
      ) : null}
      <FieldSet id="notification-email" legend="Email me about notifications" errors={errors}>
        {choices.map((choice) => (
          <Choice
            key={choice.value}
            id={`notification-email-${choice.value}`}
            type="radio"
            name="notificationEmail"
            value={choice.value}
            defaultChecked={current === choice.value}
            label={choice.label}
          />
        ))}
      </FieldSet>
      <SubmitButton pending={pending} label="Save" pendingLabel="Saving…" />
    </form>
  );
}
