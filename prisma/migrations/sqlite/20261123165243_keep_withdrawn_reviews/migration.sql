-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MappingReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mappingId" TEXT,
    "evidenceId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "feedback" TEXT,
    "rangeItemIds" JSONB NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MappingReview_mappingId_fkey" FOREIGN KEY ("mappingId") REFERENCES "Mapping" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "MappingReview_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MappingReview_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MappingReview_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Edited by hand: what each review reviewed, from its mapping.
INSERT INTO "new_MappingReview" ("at", "feedback", "id", "mappingId", "rangeItemIds", "reviewerId", "round", "status", "evidenceId", "criterionId", "enrolmentId") SELECT r."at", r."feedback", r."id", r."mappingId", r."rangeItemIds", r."reviewerId", r."round", r."status", m."evidenceId", m."criterionId", m."enrolmentId" FROM "MappingReview" r JOIN "Mapping" m ON m."id" = r."mappingId";
DROP TABLE "MappingReview";
ALTER TABLE "new_MappingReview" RENAME TO "MappingReview";
CREATE INDEX "MappingReview_mappingId_at_idx" ON "MappingReview"("mappingId", "at");
CREATE INDEX "MappingReview_evidenceId_at_idx" ON "MappingReview"("evidenceId", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
