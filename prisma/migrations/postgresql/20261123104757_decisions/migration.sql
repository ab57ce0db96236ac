-- CreateEnum
CREATE TYPE "DecisionOutcome" AS ENUM ('MET', 'NOT_YET_MET');

-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "outcome" "DecisionOutcome" NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "evidenceSnapshot" JSONB NOT NULL,
    "signatureHash" TEXT NOT NULL,
    "currentSlot" TEXT DEFAULT 'current',
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "revokeReason" TEXT,

    CONSTRAINT "Decision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Decision_enrolmentId_signedAt_idx" ON "Decision"("enrolmentId", "signedAt");

-- CreateIndex
CREATE INDEX "Decision_signedById_signedAt_idx" ON "Decision"("signedById", "signedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_enrolmentId_criterionId_currentSlot_key" ON "Decision"("enrolmentId", "criterionId", "currentSlot");

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Decision" ADD CONSTRAINT "Decision_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
