-- CreateTable
CREATE TABLE "SamplingStrategy" (
    "centreId" TEXT NOT NULL PRIMARY KEY,
    "newRate" INTEGER NOT NULL DEFAULT 100,
    "standardRate" INTEGER NOT NULL DEFAULT 25,
    "lowRate" INTEGER NOT NULL DEFAULT 10,
    "text" TEXT NOT NULL DEFAULT '',
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SamplingStrategy_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AssessorRiskLevel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "assessorId" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL DEFAULT '',
    "level" TEXT NOT NULL,
    "ratePercent" INTEGER,
    "reason" TEXT NOT NULL,
    "setById" TEXT NOT NULL,
    "setAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SamplingPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "iqaId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "seed" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SamplingItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "assessorId" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "addedBy" TEXT NOT NULL DEFAULT 'sampler',
    "dueDate" DATETIME NOT NULL,
    "sampledAt" DATETIME,
    "sampledById" TEXT,
    "outcome" TEXT,
    "feedback" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SamplingItem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "SamplingPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SamplingItem_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QaAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "itemId" TEXT,
    "visitId" TEXT,
    "assessorId" TEXT,
    "raisedById" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "dueDate" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "QaAction_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "SamplingItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "QaAction_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "EqaVisit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QaActionEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QaActionEntry_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "QaAction" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EqaVisit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "eqaUserId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "scopeKind" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" DATETIME,
    CONSTRAINT "EqaVisit_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EqaFinding" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "visitId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EqaFinding_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "EqaVisit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EqaShare" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "eqaUserId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "visitId" TEXT NOT NULL DEFAULT '',
    "sharedById" TEXT,
    "startsAt" DATETIME,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EqaShare_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EqaShare_eqaUserId_fkey" FOREIGN KEY ("eqaUserId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EqaShare_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_EqaShare" ("centreId", "createdAt", "enrolmentId", "eqaUserId", "expiresAt", "id", "sharedById") SELECT "centreId", "createdAt", "enrolmentId", "eqaUserId", "expiresAt", "id", "sharedById" FROM "EqaShare";
DROP TABLE "EqaShare";
ALTER TABLE "new_EqaShare" RENAME TO "EqaShare";
CREATE INDEX "EqaShare_centreId_idx" ON "EqaShare"("centreId");
CREATE INDEX "EqaShare_visitId_idx" ON "EqaShare"("visitId");
CREATE UNIQUE INDEX "EqaShare_eqaUserId_enrolmentId_visitId_key" ON "EqaShare"("eqaUserId", "enrolmentId", "visitId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AssessorRiskLevel_centreId_assessorId_unitCode_setAt_idx" ON "AssessorRiskLevel"("centreId", "assessorId", "unitCode", "setAt");

-- CreateIndex
CREATE INDEX "SamplingPlan_centreId_iqaId_periodStart_idx" ON "SamplingPlan"("centreId", "iqaId", "periodStart");

-- CreateIndex
CREATE INDEX "SamplingItem_enrolmentId_idx" ON "SamplingItem"("enrolmentId");

-- CreateIndex
CREATE INDEX "SamplingItem_assessorId_sampledAt_idx" ON "SamplingItem"("assessorId", "sampledAt");

-- CreateIndex
CREATE UNIQUE INDEX "SamplingItem_planId_decisionId_key" ON "SamplingItem"("planId", "decisionId");

-- CreateIndex
CREATE INDEX "QaAction_centreId_status_dueDate_idx" ON "QaAction"("centreId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "QaAction_assessorId_status_idx" ON "QaAction"("assessorId", "status");

-- CreateIndex
CREATE INDEX "QaAction_itemId_idx" ON "QaAction"("itemId");

-- CreateIndex
CREATE INDEX "QaAction_visitId_idx" ON "QaAction"("visitId");

-- CreateIndex
CREATE INDEX "QaActionEntry_actionId_at_idx" ON "QaActionEntry"("actionId", "at");

-- CreateIndex
CREATE INDEX "EqaVisit_centreId_startsAt_idx" ON "EqaVisit"("centreId", "startsAt");

-- CreateIndex
CREATE INDEX "EqaVisit_eqaUserId_endsAt_idx" ON "EqaVisit"("eqaUserId", "endsAt");

-- CreateIndex
CREATE INDEX "EqaFinding_visitId_createdAt_idx" ON "EqaFinding"("visitId", "createdAt");
