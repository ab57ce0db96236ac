import type { Metadata } from "next";
import { RoleHome } from "@/components/enrolments/role-enrolments";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sampling" };

export default function IqaHome(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <RoleHome role="IQA" searchParams={props.searchParams} />;
}
