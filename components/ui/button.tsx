import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";
import { buttonClasses, type ButtonVariant } from "./styles";

// Buttons and links that look like buttons; the focus ring comes from app/globals.css.

function classes(variant: ButtonVariant, extra?: string) {
  return extra ? `${buttonClasses[variant]} ${extra}` : buttonClasses[variant];
}

export function Button({
  variant = "primary",
  className,
  type = "button",
  ...button
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} {...button} className={classes(variant, className)} />;
}

/** A submit button that says what is happening while the form is being sent. */
export function SubmitButton({
  pending,
  label,
  pendingLabel,
  variant = "primary",
  className,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  className?: string;
}) {
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-disabled={pending} className={className}>
      {pending ? pendingLabel : label}
    </Button>
  );
}

export function LinkButton({
  variant = "primary",
  className,
  ...link
}: ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link {...link} className={classes(variant, className)} />;
}
