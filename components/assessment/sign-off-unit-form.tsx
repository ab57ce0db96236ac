"use client";

import { useActionState } from "react";
import { signOffUnitAction } from "@/lib/actions/assessment-sign-off-unit";
import { errorsFor, valueOf, type AssessmentFormState } from "@/lib/assessment/form-state";
import { FieldErrors, FormProblem, PasswordField } from "./form-parts";
import { inputClass, primaryButtonClass } from "./styles";

export const defaultAssessorDeclaration =
  "I confirm that I have assessed the evidence in this portfolio, that it is valid, authentic, current and sufficient, and that the candidate has met every criterion and evidence requirement of this unit.";

/** The assessor's declaration and password to sign the unit off. */
export function SignOffUnitForm({ enrolmentId, unitCode }: { enrolmentId: string; unitCode: string }) {
  const [state, action, pending] = useActionState<AssessmentFormState, FormData>(signOffUnitAction, null);
  const declarationErrors = errorsFor(state, "declaration");
  const passwordErrors = errorsFor(state, "password");
  return (
    <form action={action} key={state?.attempt ?? 0} noValidate className="space-y-3" aria-label={`Sign off ${unitCode}`}>
      <FormProblem state={state} fieldIds={{ declaration: "sign-off-declaration", password: "sign-off-password" }} />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <div>
        <label htmlFor="sign-off-declaration" className="block font-medium">
          Your declaration as assessor
        </label>
        <textarea
          id="sign-off-declaration"
          name="declaration"
          rows={4}
          required
          maxLength={5000}
          defaultValue={valueOf(state, "declaration", defaultAssessorDeclaration)}
          aria-invalid={declarationErrors ? true : undefined}
          aria-describedby={declarationErrors ? "sign-off-declaration-error" : undefined}
          className={inputClass}
        />
        <FieldErrors id="sign-off-declaration-error" errors={declarationErrors} />
      </div>
      <PasswordField id="sign-off-password" purpose="sign" errors={passwordErrors} />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Signing off…" : `Sign off ${unitCode}`}
      </button>
    </form>
  );
}
