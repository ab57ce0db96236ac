"use client";

import { useActionState } from "react";
import { resendInvitationAction, type ResendInvitationState } from "@/lib/actions/people-resend-invitation";
import { CopyLink } from "./copy-link";
import { alertClass, secondaryButtonClass } from "./styles";

export function ResendInvitationForm({ userId, email }: { userId: string; email: string }) {
  const [state, formAction, pending] = useActionState<ResendInvitationState, FormData>(resendInvitationAction, null);
  return (
    <div className="space-y-3">
      {state && !state.result.ok ? (
        <p role="alert" className={alertClass}>
          <span className="font-semibold">No new link: </span>
          {state.result.message}
        </p>
      ) : null}
      {state?.result.ok ? (
        <CopyLink link={state.result.invitationLink} hint={`A new link for ${email}. It is also in the outbox. It works once and expires in 7 days.`} />
      ) : (
        <form action={formAction}>
          <input type="hidden" name="userId" value={userId} />
          <button type="submit" disabled={pending} className={secondaryButtonClass}>
            {pending ? "Creating…" : "Create a new invitation link"}
          </button>
        </form>
      )}
    </div>
  );
}
