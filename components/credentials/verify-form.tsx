"use client";

import { useActionState, useEffect, useRef } from "react";
import { FormWithSummary } from "@/components/people/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { InputField, TextAreaField } from "@/components/ui/field";
import { panelClass } from "@/components/ui/styles";
import { verifyCredentialAction } from "@/lib/actions/credential-verify";
import { errorsFor, valueOf } from "@/lib/forms/form-state";
import { VerificationAnswer } from "./verification-answer";

const summary = {
  id: "verify-errors",
  title: "Not checked",
  fieldLabels: {
    credential: { label: "Credential", target: "verify-credential" },
    file: { label: "Credential file", target: "verify-file" },
  },
};

/** Paste a credential or choose its file; the answer appears under the form and is announced. */
export function VerifyForm() {
  const [state, action, pending] = useActionState(verifyCredentialAction, null);
  const answerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state?.ok) answerRef.current?.focus();
  }, [state]);
  return (
    <div className="space-y-6">
      <FormWithSummary state={state} action={action} summary={summary} className="max-w-3xl space-y-4">
        <TextAreaField
          id="verify-credential"
          name="credential"
          label="Credential"
          hint="Paste the text of the credential's .jwt file (it starts with eyJ), or its JSON."
          rows={8}
          spellCheck={false}
          defaultValue={valueOf(state, "credential")}
          errors={errorsFor(state, "credential")}
          className=""
          controlClassName="font-mono text-sm max-w-3xl"
        />
        <InputField
          id="verify-file"
          name="file"
          type="file"
          label="Or choose the credential file"
          hint="A .jwt or .json file you were given. When you choose a file, it is checked instead of the text above."
          accept=".jwt,.json,application/json,text/plain"
          errors={errorsFor(state, "file")}
          className=""
        />
        <SubmitButton pending={pending} label="Verify" pendingLabel="Checking…" />
      </FormWithSummary>
      {state?.ok ? (
        <div ref={answerRef} tabIndex={-1} role="status" aria-labelledby="verify-answer-heading" className={panelClass}>
          <h2 id="verify-answer-heading" className="text-xl font-semibold">
            What the check found
          </h2>
          <VerificationAnswer verification={state.data} />
        </div>
      ) : null}
    </div>
  );
}
