import { newRecordRoute } from "@/components/observation/new-record-page";

export const dynamic = "force-dynamic";
const route = newRecordRoute("professionalDiscussion");
export const generateMetadata = route.generateMetadata;
export default route.Page;
