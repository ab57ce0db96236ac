import { linkClass } from "@/components/ui/styles";
import { BackLink } from "@/components/ui/back-link";

/** The link above a person's page or an add-people form, back to the list. */
export function BackToPeople() {
  return (
    <BackLink href="/admin/people" className={linkClass}>
      Back to People
    </BackLink>
  );
}
