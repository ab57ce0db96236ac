import Link from "next/link";

/** Previous / next links for a paginated list, keeping the list's other query parameters. */
export function Pagination({
  page,
  pageCount,
  total,
  pageSize,
  basePath,
  query = {},
  noun,
}: {
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  basePath: string;
  query?: Record<string, string | undefined>;
  noun: string;
}) {
  if (total === 0) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const href = (target: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    if (target > 1) params.set("page", String(target));
    const search = params.toString();
    return search ? `${basePath}?${search}` : basePath;
  };
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center gap-4 text-sm">
      <p>
        Showing {first}–{last} of {total} {noun}
        {pageCount > 1 ? ` (page ${page} of ${pageCount})` : ""}
      </p>
      {page > 1 ? (
        <Link href={href(page - 1)} className="text-brand-700 underline">
          Previous page
        </Link>
      ) : null}
      {page < pageCount ? (
        <Link href={href(page + 1)} className="text-brand-700 underline">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}
