-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN "candidateDeclaration" TEXT;
ALTER TABLE "Enrolment" ADD COLUMN "candidateDeclaredAt" DATETIME;

-- CreateTable
CREATE TABLE "MappingReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mappingId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "feedback" TEXT,
    "rangeItemIds" JSONB NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MappingReview_mappingId_fkey" FOREIGN KEY ("mappingId") REFERENCES "Mapping" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "evidenceId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequirementConfirmation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrolmentId" TEXT NOT NULL,
    "requirementId" TEXT NOT NULL,
    "confirmedById" TEXT NOT NULL,
    "evidenceIds" JSONB NOT NULL,
    "note" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RequirementConfirmation_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RequirementConfirmation_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "EvidenceRequirement" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UnitSignOff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrolmentId" TEXT NOT NULL,
    "assessorId" TEXT NOT NULL,
    "assessorDeclaration" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signatureHash" TEXT NOT NULL,
    "currentSlot" TEXT DEFAULT 'current',
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokeReason" TEXT,
    CONSTRAINT "UnitSignOff_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Evidence_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Evidence" ("activityDate", "candidateId", "centreId", "createdAt", "declaration", "description", "id", "method", "simulated", "submittedAt", "title", "updatedAt", "workplaceDocument") SELECT "activityDate", "candidateId", "centreId", "createdAt", "declaration", "description", "id", "method", "simulated", "submittedAt", "title", "updatedAt", "workplaceDocument" FROM "Evidence";
DROP TABLE "Evidence";
ALTER TABLE "new_Evidence" RENAME TO "Evidence";
CREATE INDEX "Evidence_candidateId_activityDate_idx" ON "Evidence"("candidateId", "activityDate");
CREATE INDEX "Evidence_submittedAt_idx" ON "Evidence"("submittedAt");
CREATE INDEX "Evidence_centreId_idx" ON "Evidence"("centreId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "MappingReview_mappingId_at_idx" ON "MappingReview"("mappingId", "at");

-- CreateIndex
CREATE INDEX "Comment_evidenceId_createdAt_idx" ON "Comment"("evidenceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RequirementConfirmation_enrolmentId_requirementId_key" ON "RequirementConfirmation"("enrolmentId", "requirementId");

-- CreateIndex
CREATE UNIQUE INDEX "UnitSignOff_enrolmentId_currentSlot_key" ON "UnitSignOff"("enrolmentId", "currentSlot");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");
