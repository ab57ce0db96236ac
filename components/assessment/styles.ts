// Class names shared by the assessment pages and forms.
export const inputClass = "mt-1 block w-full max-w-xl rounded border border-slate-500 bg-white px-3 py-2 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700";
export const primaryButtonClass = "rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70";
export const secondaryButtonClass = "rounded border border-slate-500 bg-white px-4 py-2 font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-70";
export const dangerButtonClass = "rounded bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 disabled:opacity-70";
export const linkClass = "text-brand-700 underline underline-offset-2 hover:text-brand-800 hover:decoration-2";
export const panelClass = "space-y-3 rounded border border-slate-300 bg-white p-4";
export const tableClass = "w-full border-collapse bg-white text-left text-sm";
export const cellClass = "px-3 py-2 align-top";
