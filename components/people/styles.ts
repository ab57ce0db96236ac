// Class names shared by the people pages, matching the sign-in form.
export const inputClass = "mt-1 w-full rounded border border-slate-500 bg-white px-3 py-2 aria-[invalid=true]:border-red-700 aria-[invalid=true]:border-2";
export const primaryButtonClass = "rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70";
export const secondaryButtonClass = "rounded border border-slate-400 bg-white px-3 py-1.5 font-medium hover:bg-slate-100 disabled:opacity-70";
export const dangerButtonClass = "rounded bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 disabled:opacity-70";
export const linkClass = "text-brand-700 underline underline-offset-2 hover:no-underline";
export const fieldErrorClass = "mt-1 text-sm font-medium text-red-800";
export const alertClass = "rounded border border-red-700 bg-red-50 p-3 text-red-900";
export const successClass = "rounded border border-green-700 bg-green-50 p-3 text-green-900";
export const tableClass = "w-full border-collapse bg-white text-left text-sm";
export const headRowClass = "border-b border-slate-300 bg-slate-100";
export const cellClass = "px-3 py-2 align-top";
