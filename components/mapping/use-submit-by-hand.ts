"use client";

import { useTransition, type FormEvent } from "react";

/**
 * A submit handler that sends the form's data to the action in a transition, instead of a form
 * action (which would reset the form): ticks and typed words stay as they are after it.
 */
export function useSubmitByHand(formAction: (formData: FormData) => void) {
  const [, startTransition] = useTransition();
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };
}
