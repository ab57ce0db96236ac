-- AlterTable (edited by hand: added nullable, filled from each decision's enrolment, then required)
ALTER TABLE "Decision" ADD COLUMN     "centreId" TEXT;
UPDATE "Decision" d SET "centreId" = e."centreId" FROM "Enrolment" e WHERE e."id" = d."enrolmentId";
ALTER TABLE "Decision" ALTER COLUMN "centreId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Decision_centreId_outcome_currentSlot_signedAt_idx" ON "Decision"("centreId", "outcome", "currentSlot", "signedAt");

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
