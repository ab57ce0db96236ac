import type { Metadata } from "next";
import { RoleHome } from "@/components/enrolments/role-enrolments";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shared portfolios" };

export default function EqaHome(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <RoleHome role="EQA" searchParams={props.searchParams} />;
}
