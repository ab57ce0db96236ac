import type { Prisma } from "../../generated/sqlite/client";

// What a page about one enrolment says at its top: whose it is and which unit version.

export const enrolmentHeadingSelect = {
  id: true,
  status: true,
  candidate: { select: { name: true } },
  unitVersion: { select: { title: true, number: true, unit: { select: { code: true } } } },
} satisfies Prisma.EnrolmentSelect;

type HeadingRow = Prisma.EnrolmentGetPayload<{ select: typeof enrolmentHeadingSelect }>;

export function enrolmentHeading(enrolment: HeadingRow) {
  return {
    id: enrolment.id,
    status: enrolment.status,
    candidateName: enrolment.candidate.name,
    unitCode: enrolment.unitVersion.unit.code,
    unitTitle: enrolment.unitVersion.title,
    versionNumber: enrolment.unitVersion.number,
  };
}
