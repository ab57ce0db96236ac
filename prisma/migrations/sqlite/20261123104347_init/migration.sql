-- CreateTable
CREATE TABLE "Centre" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/London',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "isPlatformAdmin" BOOLEAN NOT NULL DEFAULT false,
    "deactivatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "UnitVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "sourceVersion" TEXT,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "level" TEXT,
    "creditValue" INTEGER,
    "contentHash" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UnitVersion_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CriterionGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitVersionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "ref" TEXT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "assessmentMethods" JSONB,
    "notes" JSONB,
    CONSTRAINT "CriterionGroup_unitVersionId_fkey" FOREIGN KEY ("unitVersionId") REFERENCES "UnitVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Criterion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitVersionId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "ref" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "rangeTitle" TEXT,
    "rangeRule" TEXT,
    "rangeMin" INTEGER,
    "rangeGuidance" JSONB,
    "guidance" JSONB,
    CONSTRAINT "Criterion_unitVersionId_fkey" FOREIGN KEY ("unitVersionId") REFERENCES "UnitVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Criterion_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "CriterionGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RangeItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "criterionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "RangeItem_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvidenceRequirement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitVersionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "ref" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "checks" JSONB NOT NULL,
    CONSTRAINT "EvidenceRequirement_unitVersionId_fkey" FOREIGN KEY ("unitVersionId") REFERENCES "UnitVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "unitVersionId" TEXT NOT NULL,
    "assessorId" TEXT,
    "iqaId" TEXT,
    "startDate" DATETIME NOT NULL,
    "plannedEndDate" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "withdrawnAt" DATETIME,
    "withdrawnReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Enrolment_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_assessorId_fkey" FOREIGN KEY ("assessorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_iqaId_fkey" FOREIGN KEY ("iqaId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_unitVersionId_fkey" FOREIGN KEY ("unitVersionId") REFERENCES "UnitVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "createdById" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Invitation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Invitation_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AssessorChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrolmentId" TEXT NOT NULL,
    "fromAssessorId" TEXT,
    "toAssessorId" TEXT,
    "changedById" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AssessorChange_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EqaShare" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "eqaUserId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "sharedById" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EqaShare_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EqaShare_eqaUserId_fkey" FOREIGN KEY ("eqaUserId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EqaShare_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Centre_slug_key" ON "Centre"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Membership_centreId_role_idx" ON "Membership"("centreId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_centreId_role_key" ON "Membership"("userId", "centreId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE INDEX "UnitVersion_unitId_contentHash_idx" ON "UnitVersion"("unitId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "UnitVersion_unitId_number_key" ON "UnitVersion"("unitId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "CriterionGroup_unitVersionId_position_key" ON "CriterionGroup"("unitVersionId", "position");

-- CreateIndex
CREATE INDEX "Criterion_unitVersionId_position_idx" ON "Criterion"("unitVersionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Criterion_unitVersionId_kind_ref_key" ON "Criterion"("unitVersionId", "kind", "ref");

-- CreateIndex
CREATE UNIQUE INDEX "RangeItem_criterionId_position_key" ON "RangeItem"("criterionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceRequirement_unitVersionId_ref_key" ON "EvidenceRequirement"("unitVersionId", "ref");

-- CreateIndex
CREATE INDEX "Enrolment_centreId_status_idx" ON "Enrolment"("centreId", "status");

-- CreateIndex
CREATE INDEX "Enrolment_assessorId_idx" ON "Enrolment"("assessorId");

-- CreateIndex
CREATE INDEX "Enrolment_candidateId_idx" ON "Enrolment"("candidateId");

-- CreateIndex
CREATE INDEX "AuditEvent_centreId_at_idx" ON "AuditEvent"("centreId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_userId_idx" ON "Invitation"("userId");

-- CreateIndex
CREATE INDEX "OutboxMessage_centreId_createdAt_idx" ON "OutboxMessage"("centreId", "createdAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_email_at_idx" ON "SignInAttempt"("email", "at");

-- CreateIndex
CREATE INDEX "AssessorChange_enrolmentId_at_idx" ON "AssessorChange"("enrolmentId", "at");

-- CreateIndex
CREATE INDEX "EqaShare_centreId_idx" ON "EqaShare"("centreId");

-- CreateIndex
CREATE UNIQUE INDEX "EqaShare_eqaUserId_enrolmentId_key" ON "EqaShare"("eqaUserId", "enrolmentId");
