-- DropForeignKey
ALTER TABLE "MappingReview" DROP CONSTRAINT "MappingReview_mappingId_fkey";

-- AlterTable (edited by hand: added nullable, filled from each review's mapping, then required)
ALTER TABLE "MappingReview" ADD COLUMN     "criterionId" TEXT,
ADD COLUMN     "enrolmentId" TEXT,
ADD COLUMN     "evidenceId" TEXT,
ALTER COLUMN "mappingId" DROP NOT NULL;
UPDATE "MappingReview" r SET "evidenceId" = m."evidenceId", "criterionId" = m."criterionId", "enrolmentId" = m."enrolmentId"
FROM "Mapping" m WHERE m."id" = r."mappingId";
ALTER TABLE "MappingReview" ALTER COLUMN "criterionId" SET NOT NULL, ALTER COLUMN "enrolmentId" SET NOT NULL, ALTER COLUMN "evidenceId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "MappingReview_evidenceId_at_idx" ON "MappingReview"("evidenceId", "at");

-- AddForeignKey
ALTER TABLE "MappingReview" ADD CONSTRAINT "MappingReview_mappingId_fkey" FOREIGN KEY ("mappingId") REFERENCES "Mapping"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MappingReview" ADD CONSTRAINT "MappingReview_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MappingReview" ADD CONSTRAINT "MappingReview_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MappingReview" ADD CONSTRAINT "MappingReview_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
