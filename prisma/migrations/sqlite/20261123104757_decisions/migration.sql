-- CreateTable
CREATE TABLE "Decision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrolmentId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "evidenceSnapshot" JSONB NOT NULL,
    "signatureHash" TEXT NOT NULL,
    "currentSlot" TEXT DEFAULT 'current',
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokeReason" TEXT,
    CONSTRAINT "Decision_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Decision_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Decision_enrolmentId_signedAt_idx" ON "Decision"("enrolmentId", "signedAt");

-- CreateIndex
CREATE INDEX "Decision_signedById_signedAt_idx" ON "Decision"("signedById", "signedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Decision_enrolmentId_criterionId_currentSlot_key" ON "Decision"("enrolmentId", "criterionId", "currentSlot");
