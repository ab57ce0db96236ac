-- CreateTable
CREATE TABLE "PlannedActivity" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "criterionIds" JSONB NOT NULL,
    "plannedFor" TIMESTAMP(3) NOT NULL,
    "place" TEXT,
    "notes" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "agreedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "doneById" TEXT,
    "evidenceId" TEXT,
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "PlannedActivity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlannedActivity_enrolmentId_plannedFor_idx" ON "PlannedActivity"("enrolmentId", "plannedFor");

-- CreateIndex
CREATE INDEX "PlannedActivity_plannedFor_doneAt_idx" ON "PlannedActivity"("plannedFor", "doneAt");
