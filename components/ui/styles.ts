// The one set of class names the UI kit and the pages share (Tailwind 4). Components in
// components/ui wrap most of them; a page reaches for a class here only where a kit part does
// not fit (a control inside a bespoke layout, say).

/** Text inputs, selects and text areas; a refused one gets a thicker red border as well as its message. */
export const inputClass =
  "mt-1 block w-full max-w-xl rounded border border-slate-500 bg-white px-3 py-2 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700";
export const checkboxClass = "mt-1 h-5 w-5";

const buttonBase = "inline-block rounded px-4 py-2 font-medium disabled:opacity-70";
export const buttonClasses = {
  primary: `${buttonBase} bg-brand-700 text-white hover:bg-brand-800`,
  secondary: `${buttonBase} border border-slate-500 bg-white text-slate-900 hover:bg-slate-100`,
  danger: `${buttonBase} bg-red-800 text-white hover:bg-red-900`,
} as const;
export type ButtonVariant = keyof typeof buttonClasses;
export const primaryButtonClass = buttonClasses.primary;
export const secondaryButtonClass = buttonClasses.secondary;
export const dangerButtonClass = buttonClasses.danger;

export const linkClass = "text-brand-700 underline underline-offset-2 hover:text-brand-800 hover:decoration-2";

export const hintClass = "text-sm text-slate-700";
export const fieldErrorClass = "text-sm font-semibold text-red-800";

/** A white box around a section or a form. */
export const panelClass = "space-y-3 rounded border border-slate-200 bg-white p-4";
/** A message box: the word "problem", "done" or "note" is always in its text; the colour repeats it. */
export const alertClass = "rounded border border-red-700 bg-red-50 p-3 text-red-900";
export const successClass = "rounded border border-green-800 bg-green-50 p-3 text-green-900";
export const noticeClass = "rounded border border-amber-700 bg-amber-50 p-3 text-amber-950";
/** What a list says when it has nothing to show. */
export const emptyClass = "rounded border border-slate-300 bg-white p-4";

export const tableClass = "w-full border-collapse bg-white text-left text-sm";
export const headRowClass = "border-b border-slate-300 bg-slate-100";
export const bodyRowClass = "border-b border-slate-200";
export const cellClass = "px-3 py-2 align-top";
export const numericCellClass = `${cellClass} text-right tabular-nums`;

export const h1Class = "text-3xl font-bold";
export const h2Class = "text-xl font-semibold";
export const leadClass = "max-w-3xl text-slate-700";
