export function CriteriaSearchForm({ query }: { query: string }) {
  return (
    <form
      method="get"
      action="/standards"
      role="search"
      aria-labelledby="search-heading"
      className="flex flex-wrap items-end gap-3"
    >
      <div className="flex min-w-64 flex-1 flex-col gap-1">
        <label htmlFor="q" className="font-medium">
          Search criteria
        </label>
        <p id="q-hint" className="text-sm text-slate-700">
          Words in any order, or a reference such as 1.2, CS34 1.2 or CS5/O4
        </p>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={query}
          maxLength={200}
          aria-describedby="q-hint"
          className="rounded border border-slate-500 bg-white px-3 py-2"
        />
      </div>
      <button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
        Search
      </button>
    </form>
  );
}
