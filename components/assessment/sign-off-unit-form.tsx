"use client";

import { useActionState } from "react";
import { signOffUnitAction } from "@/lib/actions/assessment-sign-off-unit";
import { errorsFor, valueOf } from "@/lib/forms/form-state";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { EnrolmentForm, PasswordField } from "./form-parts";

export const defaultAssessorDeclaration =
  "I confirm that I have assessed the evidence in this portfolio, that it is valid, authentic, current and sufficient, and that the candidate has met every criterion and evidence requirement of this unit.";

/** The assessor's declaration and password to sign the unit off. */
export function SignOffUnitForm({ enrolmentId, unitCode }: { enrolmentId: string; unitCode: string }) {
  const [state, action, pending] = useActionState(signOffUnitAction, null);
  return (
    <EnrolmentForm
      state={state}
      action={action}
      label={`Sign off ${unitCode}`}
      enrolmentId={enrolmentId}
      fieldIds={{ declaration: "sign-off-declaration", password: "sign-off-password" }}
    >
      <TextAreaField
        id="sign-off-declaration"
        name="declaration"
        label="Your declaration as assessor"
        rows={4}
        required
        maxLength={5000}
        defaultValue={valueOf(state, "declaration", defaultAssessorDeclaration)}
        errors={errorsFor(state, "declaration")}
        className=""
      />
      <PasswordField id="sign-off-password" purpose="sign" errors={errorsFor(state, "password")} />
      <SubmitButton pending={pending} label={`Sign off ${unitCode}`} pendingLabel="Signing off…" />
    </EnrolmentForm>
  );
}
