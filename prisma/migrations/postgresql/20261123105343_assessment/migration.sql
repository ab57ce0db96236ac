-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "candidateDeclaration" TEXT,
ADD COLUMN     "candidateDeclaredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "round" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "MappingReview" (
    "id" TEXT NOT NULL,
    "mappingId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "status" "MappingStatus" NOT NULL,
    "feedback" TEXT,
    "rangeItemIds" JSONB NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MappingReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequirementConfirmation" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "requirementId" TEXT NOT NULL,
    "confirmedById" TEXT NOT NULL,
    "evidenceIds" JSONB NOT NULL,
    "note" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequirementConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitSignOff" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "assessorId" TEXT NOT NULL,
    "assessorDeclaration" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signatureHash" TEXT NOT NULL,
    "currentSlot" TEXT DEFAULT 'current',
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "revokeReason" TEXT,

    CONSTRAINT "UnitSignOff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Evidence_submittedAt_idx" ON "Evidence"("submittedAt");

-- AddForeignKey
ALTER TABLE "MappingReview" ADD CONSTRAINT "MappingReview_mappingId_fkey" FOREIGN KEY ("mappingId") REFERENCES "Mapping"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequirementConfirmation" ADD CONSTRAINT "RequirementConfirmation_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequirementConfirmation" ADD CONSTRAINT "RequirementConfirmation_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "EvidenceRequirement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitSignOff" ADD CONSTRAINT "UnitSignOff_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
