"use client";

import { useActionState } from "react";
import { decideCriterionAction } from "@/lib/actions/assessment-decide-criterion";
import { errorsFor } from "@/lib/forms/form-state";
import { EnrolmentForm, PasswordField } from "./form-parts";
import { primaryButtonClass, secondaryButtonClass } from "@/components/ui/styles";

/** Sign one criterion as met or not yet met, with the assessor's password. */
export function DecideCriterionForm({
  enrolmentId,
  criterionId,
  criterionRef,
  shortfall,
}: {
  enrolmentId: string;
  criterionId: string;
  criterionRef: string;
  shortfall: string | null;
}) {
  const [state, action, pending] = useActionState(decideCriterionAction, null);
  const prefix = `decide-${criterionId}`;
  const errors = errorsFor(state, "password");
  const hint = shortfall ? `${prefix}-hint` : undefined;
  return (
    <EnrolmentForm
      state={state}
      action={action}
      label={`Decide criterion ${criterionRef}`}
      enrolmentId={enrolmentId}
      fieldIds={{ password: `${prefix}-password` }}
    >
      <input type="hidden" name="criterionId" value={criterionId} />
      {shortfall ? (
        <p id={hint} className="text-sm text-slate-800">
          <span className="font-medium">Not ready to sign as met: </span>
          {shortfall}
        </p>
      ) : null}
      <PasswordField id={`${prefix}-password`} purpose="sign" errors={errors} />
      <div className="flex flex-wrap gap-3">
        <button
          type="submit"
          name="outcome"
          value="MET"
          disabled={pending}
          aria-describedby={hint}
          className={primaryButtonClass}
        >
          Sign as met
        </button>
        <button type="submit" name="outcome" value="NOT_YET_MET" disabled={pending} className={secondaryButtonClass}>
          Not yet met
        </button>
        {pending ? (
          <span role="status" className="self-center text-sm">
            Signing…
          </span>
        ) : null}
      </div>
    </EnrolmentForm>
  );
}
