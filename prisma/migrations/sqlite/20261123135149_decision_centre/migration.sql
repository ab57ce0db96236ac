-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Decision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
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
    CONSTRAINT "Decision_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Decision_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Decision_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Edited by hand: each existing decision takes its enrolment's centre.
INSERT INTO "new_Decision" ("centreId", "criterionId", "currentSlot", "enrolmentId", "evidenceSnapshot", "id", "outcome", "revokeReason", "revokedAt", "revokedById", "signatureHash", "signedAt", "signedById") SELECT (SELECT e."centreId" FROM "Enrolment" e WHERE e."id" = "Decision"."enrolmentId"), "criterionId", "currentSlot", "enrolmentId", "evidenceSnapshot", "id", "outcome", "revokeReason", "revokedAt", "revokedById", "signatureHash", "signedAt", "signedById" FROM "Decision";
DROP TABLE "Decision";
ALTER TABLE "new_Decision" RENAME TO "Decision";
CREATE INDEX "Decision_centreId_outcome_currentSlot_signedAt_idx" ON "Decision"("centreId", "outcome", "currentSlot", "signedAt");
CREATE INDEX "Decision_enrolmentId_signedAt_idx" ON "Decision"("enrolmentId", "signedAt");
CREATE INDEX "Decision_signedById_signedAt_idx" ON "Decision"("signedById", "signedAt");
CREATE INDEX "Decision_enrolmentId_outcome_currentSlot_idx" ON "Decision"("enrolmentId", "outcome", "currentSlot");
CREATE INDEX "Decision_signedAt_outcome_currentSlot_enrolmentId_signedById_idx" ON "Decision"("signedAt", "outcome", "currentSlot", "enrolmentId", "signedById");
CREATE UNIQUE INDEX "Decision_enrolmentId_criterionId_currentSlot_key" ON "Decision"("enrolmentId", "criterionId", "currentSlot");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
