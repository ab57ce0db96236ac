import type { ReactNode } from "react";

// Labelled form controls whose errors are tied to them with aria-describedby. Used inside the
// client forms of this folder; they hold no state of their own.

type FieldProps = {
  id: string;
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  required?: boolean;
};

function describedBy(id: string, hint: ReactNode, errors?: string[]): string | undefined {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldText({ id, label, hint, errors }: Pick<FieldProps, "id" | "label" | "hint" | "errors">) {
  return (
    <>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm font-semibold text-red-800">
          <span className="sr-only">Error: </span>
          {errors.join(" ")}
        </p>
      ) : null}
    </>
  );
}

const controlClass = (errors?: string[]) =>
  `mt-1 block w-full max-w-xl rounded border px-3 py-2 ${errors?.length ? "border-2 border-red-700" : "border-slate-500"}`;

export function SelectField({ id, name, label, hint, errors, required, defaultValue, children }: FieldProps & { defaultValue?: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <FieldText id={id} label={label} hint={hint} errors={errors} />
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={controlClass(errors)}
      >
        {children}
      </select>
    </div>
  );
}

export function InputField({
  id,
  name,
  label,
  hint,
  errors,
  required,
  defaultValue,
  type = "text",
  min,
  max,
  autoComplete,
}: FieldProps & { defaultValue?: string; type?: "text" | "date" | "search"; min?: string; max?: string; autoComplete?: string }) {
  return (
    <div className="space-y-1">
      <FieldText id={id} label={label} hint={hint} errors={errors} />
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        required={required}
        min={min}
        max={max}
        autoComplete={autoComplete}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={controlClass(errors)}
      />
    </div>
  );
}

export function TextAreaField({ id, name, label, hint, errors, required, defaultValue }: FieldProps & { defaultValue?: string }) {
  return (
    <div className="space-y-1">
      <FieldText id={id} label={label} hint={hint} errors={errors} />
      <textarea
        id={id}
        name={name}
        rows={3}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
        className={controlClass(errors)}
      />
    </div>
  );
}

export function CheckboxField({ id, name, label, errors, defaultChecked, value = "yes" }: Omit<FieldProps, "hint" | "required"> & { defaultChecked?: boolean; value?: string }) {
  return (
    <div className="space-y-1">
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm font-semibold text-red-800">
          <span className="sr-only">Error: </span>
          {errors.join(" ")}
        </p>
      ) : null}
      <div className="flex items-start gap-2">
        <input
          id={id}
          name={name}
          type="checkbox"
          value={value}
          defaultChecked={defaultChecked}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? `${id}-error` : undefined}
          className="mt-1 h-5 w-5"
        />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}

export function SubmitButton({ pending, label, pendingLabel, tone = "primary" }: { pending: boolean; label: string; pendingLabel: string; tone?: "primary" | "danger" }) {
  const colours = tone === "danger" ? "bg-red-700 hover:bg-red-800" : "bg-brand-700 hover:bg-brand-800";
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={`rounded px-4 py-2 font-medium text-white disabled:opacity-70 ${colours}`}>
      {pending ? pendingLabel : label}
    </button>
  );
}
