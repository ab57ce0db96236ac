-- DropIndex
DROP INDEX "EqaShare_eqaUserId_enrolmentId_key";

-- AlterTable
ALTER TABLE "EqaShare" ADD COLUMN     "startsAt" TIMESTAMP(3),
ADD COLUMN     "visitId" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "SamplingStrategy" (
    "centreId" TEXT NOT NULL,
    "newRate" INTEGER NOT NULL DEFAULT 100,
    "standardRate" INTEGER NOT NULL DEFAULT 25,
    "lowRate" INTEGER NOT NULL DEFAULT 10,
    "text" TEXT NOT NULL DEFAULT '',
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SamplingStrategy_pkey" PRIMARY KEY ("centreId")
);

-- CreateTable
CREATE TABLE "AssessorRiskLevel" (
    "id" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "assessorId" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL DEFAULT '',
    "level" TEXT NOT NULL,
    "ratePercent" INTEGER,
    "reason" TEXT NOT NULL,
    "setById" TEXT NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessorRiskLevel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SamplingPlan" (
    "id" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "iqaId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "seed" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SamplingPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SamplingItem" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "decisionId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "assessorId" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "addedBy" TEXT NOT NULL DEFAULT 'sampler',
    "dueDate" TIMESTAMP(3) NOT NULL,
    "sampledAt" TIMESTAMP(3),
    "sampledById" TEXT,
    "outcome" TEXT,
    "feedback" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SamplingItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QaAction" (
    "id" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "itemId" TEXT,
    "visitId" TEXT,
    "assessorId" TEXT,
    "raisedById" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QaAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QaActionEntry" (
    "id" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QaActionEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EqaVisit" (
    "id" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "eqaUserId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "scopeKind" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "EqaVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EqaFinding" (
    "id" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EqaFinding_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "EqaShare_visitId_idx" ON "EqaShare"("visitId");

-- CreateIndex
CREATE UNIQUE INDEX "EqaShare_eqaUserId_enrolmentId_visitId_key" ON "EqaShare"("eqaUserId", "enrolmentId", "visitId");

-- AddForeignKey
ALTER TABLE "SamplingStrategy" ADD CONSTRAINT "SamplingStrategy_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SamplingItem" ADD CONSTRAINT "SamplingItem_planId_fkey" FOREIGN KEY ("planId") REFERENCES "SamplingPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SamplingItem" ADD CONSTRAINT "SamplingItem_decisionId_fkey" FOREIGN KEY ("decisionId") REFERENCES "Decision"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaAction" ADD CONSTRAINT "QaAction_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "SamplingItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaAction" ADD CONSTRAINT "QaAction_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "EqaVisit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaActionEntry" ADD CONSTRAINT "QaActionEntry_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "QaAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EqaVisit" ADD CONSTRAINT "EqaVisit_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EqaFinding" ADD CONSTRAINT "EqaFinding_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "EqaVisit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
