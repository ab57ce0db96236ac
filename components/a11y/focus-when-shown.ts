"use client";

// After a form's action, focus belongs on what the action said (its result message, or the
// part of the page that now shows the result): the button that was pressed is disabled while
// pending or gone afterwards, which drops focus to the page body and leaves a screen-reader user
// with no idea what happened. The target may only be rendered once React commits the action's
// result (or the refreshed page), so this waits for it, frame by frame, for about two seconds.

const frames = 120;

/** Moves focus to the element with this id as soon as it is in the page. */
export function focusWhenShown(id: string): void {
  const attempt = (left: number) => {
    const target = document.getElementById(id);
    if (target) {
      // A message is not focusable by itself; -1 makes it focusable by script only, not by Tab.
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
      return;
    }
    if (left > 0) requestAnimationFrame(() => attempt(left - 1));
  };
  requestAnimationFrame(() => attempt(frames));
}
