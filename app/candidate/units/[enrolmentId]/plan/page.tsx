import { planRoute } from "@/components/plans/plan-route";

export const dynamic = "force-dynamic";
const route = planRoute({
  back: (id) => ({ href: `/candidate/units/${id}`, label: "Back to the unit" }),
  evidenceHref: (id) => `/candidate/evidence/${id}`,
});
export const generateMetadata = route.generateMetadata;
export default route.Page;
