import type { Metadata } from "next";
import Link from "next/link";
import { RoleHome } from "@/components/enrolments/role-enrolments";
import { linkClass } from "@/components/ui/styles";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shared portfolios" };

export default function EqaHome(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return (
    <RoleHome role="EQA" searchParams={props.searchParams}>
      {() => (
        <p>
          Portfolios open to you during a visit are listed here too.{" "}
          <Link href="/eqa/visits" className={linkClass}>
            My EQA visits
          </Link>{" "}
          has each visit&apos;s scope, its findings and its evidence pack.
        </p>
      )}
    </RoleHome>
  );
}
