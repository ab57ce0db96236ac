import type {
  ComponentProps,
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";
import { checkboxClass, fieldErrorClass, hintClass, inputClass } from "./styles";

// A labelled control with its hint and its errors, tied to it with aria-describedby and
// aria-invalid, so a screen reader reads the hint and the error with the control. The error
// stands above the control, where a sighted reader looks first.

/** What a control needs from its field: its id and the ids of what describes it. */
export type ControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  className: string;
};

type FieldText = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The messages of the last refused submission, if any. */
  errors?: string[];
  /** Classes of the wrapper (by default a small vertical stack). */
  className?: string;
  /** Classes added to the control's own (a narrower box, say). */
  controlClassName?: string;
};

export function hintId(id: string) {
  return `${id}-hint`;
}

export function errorId(id: string) {
  return `${id}-error`;
}

/** The ids that describe a control, or nothing when there are none. */
export function describedBy(id: string, hint: ReactNode, errors?: string[]): string | undefined {
  const ids = [hint ? hintId(id) : null, errors?.length ? errorId(id) : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className={fieldErrorClass}>
      <span className="sr-only">Error: </span>
      {errors.join(" ")}
    </p>
  );
}

/** The hint, then the errors of the last refused submission: what describedBy points at. */
function HintAndError({ id, hint, errors }: { id: string; hint?: ReactNode; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p id={hintId(id)} className={hintClass}>
          {hint}
        </p>
      ) : null}
      <FieldError id={errorId(id)} errors={errors} />
    </>
  );
}

/** The options of a select: an optional empty first choice ("All roles"), then one per choice. */
export function Options({
  choices,
  emptyLabel,
  emptyDisabled = false,
}: {
  choices: ReadonlyArray<{ value: string; label: ReactNode }>;
  emptyLabel?: string;
  /** The empty choice only prompts ("Choose a centre") and cannot be chosen again. */
  emptyDisabled?: boolean;
}) {
  return (
    <>
      {emptyLabel !== undefined ? (
        <option value="" disabled={emptyDisabled || undefined}>
          {emptyLabel}
        </option>
      ) : null}
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </>
  );
}

/** Label, hint, error, then the control the render function draws with the given props. */
export function Field({
  id,
  label,
  hint,
  errors,
  className = "space-y-1",
  controlClassName,
  children,
}: FieldText & { children: (control: ControlProps) => ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <HintAndError id={id} hint={hint} errors={errors} />
      {children({
        id,
        "aria-describedby": describedBy(id, hint, errors),
        "aria-invalid": errors?.length ? true : undefined,
        className: controlClassName ? `${inputClass} ${controlClassName}` : inputClass,
      })}
    </div>
  );
}

type Own<E> = Omit<E, "id" | "className" | "children">;

/** Splits a field's props into the field's own and the control's. */
function split<P extends FieldText>(props: P): [FieldText, Omit<P, keyof FieldText>] {
  const { id, label, hint, errors, className, controlClassName, ...control } = props;
  return [{ id, label, hint, errors, className, controlClassName }, control];
}

export function InputField(props: FieldText & Own<InputHTMLAttributes<HTMLInputElement>>) {
  const [field, input] = split(props);
  return <Field {...field}>{(control) => <input {...input} {...control} />}</Field>;
}

export function TextAreaField(props: FieldText & Own<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const [field, textarea] = split(props);
  return <Field {...field}>{(control) => <textarea rows={3} {...textarea} {...control} />}</Field>;
}

export function SelectField(props: FieldText & Own<SelectHTMLAttributes<HTMLSelectElement>> & { children: ReactNode }) {
  const [field, { children, ...select }] = split(props);
  return (
    <Field {...field}>
      {(control) => (
        <select {...select} {...control}>
          {children}
        </select>
      )}
    </Field>
  );
}

/** A checkbox with its label beside it; the error (and hint) above, as for the other fields. */
export function CheckboxField({
  id,
  label,
  hint,
  errors,
  className = "space-y-1",
  value = "yes",
  ...input
}: Omit<FieldText, "controlClassName"> & Own<InputHTMLAttributes<HTMLInputElement>>) {
  return (
    <div className={className}>
      <HintAndError id={id} hint={hint} errors={errors} />
      <div className="flex items-start gap-2">
        <input
          type="checkbox"
          {...input}
          // A ticked box sends "yes" unless told otherwise (the browser's own default is "on").
          value={value}
          id={id}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy(id, hint, errors)}
          className={checkboxClass}
        />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}

/**
 * A group of controls under one question (a fieldset with its legend), with the hint and the
 * errors of the last refused submission tied to the group, as a single field's are to its control.
 */
export function FieldSet({
  id,
  legend,
  hint,
  errors,
  className = "min-w-0 space-y-2",
  children,
}: {
  /** The fieldset's id, which an error summary links to. */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset id={id} aria-describedby={describedBy(id, hint, errors)} className={className}>
      <legend className="font-medium">{legend}</legend>
      <HintAndError id={id} hint={hint} errors={errors} />
      {children}
    </fieldset>
  );
}

/** One checkbox (or radio) of a FieldSet, its label beside it. */
export function Choice({
  id,
  label,
  type = "checkbox",
  ...input
}: { id: string; label: ReactNode } & Own<InputHTMLAttributes<HTMLInputElement>>) {
  return (
    <div className="flex items-start gap-2">
      <input type={type} id={id} {...input} className={`${checkboxClass} shrink-0`} />
      <label htmlFor={id} className="min-w-0 break-words">
        {label}
      </label>
    </div>
  );
}

/** Checkboxes for choosing several of a list, each box's id its prefix, a dash and its value. */
export function CheckboxGroup({
  name,
  choices,
  checked,
  itemIdPrefix,
  ...group
}: Omit<ComponentProps<typeof FieldSet>, "children" | "className"> & {
  name: string;
  choices: { value: string; label: ReactNode }[];
  checked: ReadonlySet<string>;
  itemIdPrefix: string;
}) {
  return (
    <FieldSet {...group} className="space-y-1">
      {choices.map((choice) => (
        <Choice
          key={choice.value}
          id={`${itemIdPrefix}-${choice.value}`}
          label={choice.label}
          name={name}
          value={choice.value}
          defaultChecked={checked.has(choice.value)}
        />
      ))}
    </FieldSet>
  );
}
