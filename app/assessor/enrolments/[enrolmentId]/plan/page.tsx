import { planRoute } from "@/components/plans/plan-route";

export const dynamic = "force-dynamic";
const route = planRoute({
  back: (id) => ({ href: `/assessor/enrolments/${id}`, label: "Back to the assessment record" }),
  evidenceHref: (id) => `/assessor/review/${id}`,
});
export const generateMetadata = route.generateMetadata;
export default route.Page;
