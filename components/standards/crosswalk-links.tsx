import Link from "next/link";
import { linkClass } from "@/components/ui/styles";

/** The crosswalk view's address for two units. */
export function crosswalkHref(a: string, b: string): string {
  return `/standards/crosswalk?${new URLSearchParams({ a, b }).toString()}`;
}

/** Links from a unit to its crosswalk with each other unit. */
export function CrosswalkLinks({ code, others }: { code: string; others: string[] }) {
  if (others.length === 0) return null;
  return (
    <nav aria-labelledby="crosswalk-links-heading" className="space-y-2">
      <h2 id="crosswalk-links-heading" className="text-xl font-semibold">
        Crosswalk to other units
      </h2>
      <p className="max-w-3xl text-slate-700">
        Which criteria of {code} another unit asks for too, so one piece of evidence can be claimed for both.
      </p>
      <ul className="flex flex-wrap gap-x-6 gap-y-1">
        {others.map((other) => (
          <li key={other}>
            <Link href={crosswalkHref(code, other)} className={linkClass}>
              {code} and {other}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
