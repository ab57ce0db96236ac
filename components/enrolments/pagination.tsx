// Kept only for app/admin/progress/candidates, which is being worked on elsewhere; new code imports from components/ui/pagination.
export { CountedPagination as Pagination } from "@/components/ui/pagination";
