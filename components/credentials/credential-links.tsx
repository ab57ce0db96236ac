import Link from "next/link";
import { linkClass } from "@/components/ui/styles";

/** The holder's links for one credential: its public page and its two downloads. */
export function CredentialLinks({ id, name }: { id: string; name: string }) {
  const download = `/api/credentials/${encodeURIComponent(id)}/download`;
  return (
    <ul className="flex flex-wrap gap-x-6 gap-y-1">
      <li>
        <Link href={`/credentials/${encodeURIComponent(id)}`} className={linkClass}>
          Public page<span className="sr-only"> of {name}</span>
        </Link>
      </li>
      <li>
        <a href={`${download}?format=jwt`} download className={linkClass}>
          Download the signed credential (.jwt)<span className="sr-only"> of {name}</span>
        </a>
      </li>
      <li>
        <a href={`${download}?format=json`} download className={linkClass}>
          Download its JSON (.json)<span className="sr-only"> of {name}</span>
        </a>
      </li>
    </ul>
  );
}
