-- CreateTable
CREATE TABLE "WitnessRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "witnessName" TEXT NOT NULL,
    "witnessEmail" TEXT NOT NULL,
    "witnessJobTitle" TEXT NOT NULL,
    "witnessRelationship" TEXT NOT NULL,
    "criteria" JSONB NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "submittedAt" DATETIME,
    "statedRelationship" TEXT,
    "occupationalCompetence" TEXT,
    "signedName" TEXT,
    "evidenceId" TEXT,
    "expertMarkedAt" DATETIME,
    "expertMarkedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WitnessRequest_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "WitnessRequest_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

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
    "authorId" TEXT,
    "startTime" TEXT,
    "endTime" TEXT,
    "location" TEXT,
    "candidateResponse" TEXT,
    "candidateRespondedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Evidence_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Evidence_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Evidence_revisionOfId_fkey" FOREIGN KEY ("revisionOfId") REFERENCES "Evidence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Evidence" ("activityDate", "candidateId", "centreId", "createdAt", "declaration", "description", "id", "method", "revisionOfId", "round", "simulated", "submittedAt", "title", "updatedAt", "version", "workplaceDocument") SELECT "activityDate", "candidateId", "centreId", "createdAt", "declaration", "description", "id", "method", "revisionOfId", "round", "simulated", "submittedAt", "title", "updatedAt", "version", "workplaceDocument" FROM "Evidence";
DROP TABLE "Evidence";
ALTER TABLE "new_Evidence" RENAME TO "Evidence";
CREATE UNIQUE INDEX "Evidence_revisionOfId_key" ON "Evidence"("revisionOfId");
CREATE INDEX "Evidence_candidateId_activityDate_idx" ON "Evidence"("candidateId", "activityDate");
CREATE INDEX "Evidence_submittedAt_idx" ON "Evidence"("submittedAt");
CREATE INDEX "Evidence_centreId_idx" ON "Evidence"("centreId");
CREATE INDEX "Evidence_authorId_idx" ON "Evidence"("authorId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "WitnessRequest_tokenHash_key" ON "WitnessRequest"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "WitnessRequest_evidenceId_key" ON "WitnessRequest"("evidenceId");

-- CreateIndex
CREATE INDEX "WitnessRequest_candidateId_createdAt_idx" ON "WitnessRequest"("candidateId", "createdAt");

-- CreateIndex
CREATE INDEX "WitnessRequest_centreId_createdAt_idx" ON "WitnessRequest"("centreId", "createdAt");
