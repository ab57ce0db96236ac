import type { Role } from "./policy";

export const roleLabels: Record<Role, string> = {
  CANDIDATE: "Candidate",
  ASSESSOR: "Assessor",
  IQA: "Internal quality assurer",
  CENTRE_ADMIN: "Centre admin",
  EQA: "External quality assurer",
};
