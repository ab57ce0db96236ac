import type { Metadata } from "next";
import Link from "next/link";
import { RoleHome } from "@/components/enrolments/role-enrolments";
import { linkClass } from "@/components/ui/styles";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My candidates" };

export default function AssessorHome(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return (
    <RoleHome role="ASSESSOR" searchParams={props.searchParams}>
      {() => (
        <p>
          <Link href="/assessor/questions" className={linkClass}>
            Question bank
          </Link>
        </p>
      )}
    </RoleHome>
  );
}
