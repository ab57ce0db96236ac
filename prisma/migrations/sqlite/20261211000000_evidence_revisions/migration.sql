-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Evidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "activityDate" DATETIME NOT NULL,
    "description" TEXT NOT NULL,
    "simulated" BOOLEAN NOT NULL DEFAULT false,
    "workplaceDocument" JSONB,
    "submittedAt" DATETIME,
    "declaration" TEXT,
    "round" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 1,
    "revisionOfId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Evidence_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Evidence_revisionOfId_fkey" FOREIGN KEY ("revisionOfId") REFERENCES "Evidence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Evidence" ("activityDate", "candidateId", "centreId", "createdAt", "declaration", "description", "id", "method", "round", "simulated", "submittedAt", "title", "updatedAt", "workplaceDocument") SELECT "activityDate", "candidateId", "centreId", "createdAt", "declaration", "description", "id", "method", "round", "simulated", "submittedAt", "title", "updatedAt", "workplaceDocument" FROM "Evidence";
DROP TABLE "Evidence";
ALTER TABLE "new_Evidence" RENAME TO "Evidence";
CREATE UNIQUE INDEX "Evidence_revisionOfId_key" ON "Evidence"("revisionOfId");
CREATE INDEX "Evidence_candidateId_activityDate_idx" ON "Evidence"("candidateId", "activityDate");
CREATE INDEX "Evidence_submittedAt_idx" ON "Evidence"("submittedAt");
CREATE INDEX "Evidence_centreId_idx" ON "Evidence"("centreId");
CREATE TABLE "new_EvidenceFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "evidenceId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "copiedFromId" TEXT,
    CONSTRAINT "EvidenceFile_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvidenceFile_copiedFromId_fkey" FOREIGN KEY ("copiedFromId") REFERENCES "EvidenceFile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_EvidenceFile" ("createdAt", "evidenceId", "id", "mimeType", "originalName", "sha256", "size", "storageKey") SELECT "createdAt", "evidenceId", "id", "mimeType", "originalName", "sha256", "size", "storageKey" FROM "EvidenceFile";
DROP TABLE "EvidenceFile";
ALTER TABLE "new_EvidenceFile" RENAME TO "EvidenceFile";
CREATE INDEX "EvidenceFile_evidenceId_idx" ON "EvidenceFile"("evidenceId");
CREATE INDEX "EvidenceFile_copiedFromId_idx" ON "EvidenceFile"("copiedFromId");
CREATE INDEX "EvidenceFile_storageKey_idx" ON "EvidenceFile"("storageKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
