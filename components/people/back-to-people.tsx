import Link from "next/link";
import { linkClass } from "./styles";

/** The link above a person's page or an add-people form, back to the list. */
export function BackToPeople() {
  return (
    <p>
      <Link href="/admin/people" className={linkClass}>
        Back to People
      </Link>
    </p>
  );
}
