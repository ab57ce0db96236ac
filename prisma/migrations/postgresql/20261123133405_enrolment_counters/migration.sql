-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "lastActivityAt" TIMESTAMP(3),
ADD COLUMN     "metCount" INTEGER NOT NULL DEFAULT 0;

-- Backfill: the same recount as lib/progress/enrolment-counters.ts, for every enrolment.
UPDATE "Enrolment" SET
  "metCount" = (SELECT COUNT(*) FROM "Decision" d
    WHERE d."enrolmentId" = "Enrolment"."id" AND d."outcome" = 'MET' AND d."currentSlot" = 'current'),
  "lastActivityAt" = (SELECT MAX(a."at") FROM (
    SELECT MAX(m."updatedAt") AS "at" FROM "Mapping" m WHERE m."enrolmentId" = "Enrolment"."id"
    UNION ALL
    SELECT MAX(d."signedAt") AS "at" FROM "Decision" d WHERE d."enrolmentId" = "Enrolment"."id") a);
