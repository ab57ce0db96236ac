-- CreateTable
CREATE TABLE "PlannedActivity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrolmentId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "criterionIds" JSONB NOT NULL,
    "plannedFor" DATETIME NOT NULL,
    "place" TEXT,
    "notes" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "agreedAt" DATETIME,
    "doneAt" DATETIME,
    "doneById" TEXT,
    "evidenceId" TEXT,
    "cancelledAt" DATETIME
);

-- CreateIndex
CREATE INDEX "PlannedActivity_enrolmentId_plannedFor_idx" ON "PlannedActivity"("enrolmentId", "plannedFor");

-- CreateIndex
CREATE INDEX "PlannedActivity_plannedFor_doneAt_idx" ON "PlannedActivity"("plannedFor", "doneAt");
