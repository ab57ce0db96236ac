import { InputField } from "@/components/ui/field";

/**
 * The full name and email of someone being invited; the ids are the prefix, a dash and "name" or
 * "email" (the error summary links to them).
 */
export function NameEmailFields({
  idPrefix,
  values,
  errors,
  emailHint,
}: {
  idPrefix: string;
  values: { name: string; email: string };
  errors: { name?: string[]; email?: string[] };
  emailHint: string;
}) {
  return (
    <>
      <InputField
        id={`${idPrefix}-name`}
        name="name"
        type="text"
        label="Full name"
        autoComplete="off"
        maxLength={200}
        defaultValue={values.name}
        errors={errors.name}
        className=""
      />
      <InputField
        id={`${idPrefix}-email`}
        name="email"
        type="email"
        label="Email"
        hint={emailHint}
        autoComplete="off"
        spellCheck={false}
        maxLength={320}
        defaultValue={values.email}
        errors={errors.email}
        className=""
      />
    </>
  );
}
