-- CreateEnum
CREATE TYPE "MappingStatus" AS ENUM ('PROPOSED', 'SUBMITTED', 'ACCEPTED', 'REJECTED');

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "activityDate" TIMESTAMP(3) NOT NULL,
    "description" TEXT NOT NULL,
    "simulated" BOOLEAN NOT NULL DEFAULT false,
    "workplaceDocument" JSONB,
    "submittedAt" TIMESTAMP(3),
    "declaration" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceFile" (
    "id" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvidenceFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mapping" (
    "id" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "status" "MappingStatus" NOT NULL DEFAULT 'PROPOSED',
    "feedback" TEXT,
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Mapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MappingRangeItem" (
    "mappingId" TEXT NOT NULL,
    "rangeItemId" TEXT NOT NULL,

    CONSTRAINT "MappingRangeItem_pkey" PRIMARY KEY ("mappingId","rangeItemId")
);

-- CreateIndex
CREATE INDEX "Evidence_candidateId_activityDate_idx" ON "Evidence"("candidateId", "activityDate");

-- CreateIndex
CREATE INDEX "Evidence_centreId_idx" ON "Evidence"("centreId");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceFile_storageKey_key" ON "EvidenceFile"("storageKey");

-- CreateIndex
CREATE INDEX "EvidenceFile_evidenceId_idx" ON "EvidenceFile"("evidenceId");

-- CreateIndex
CREATE INDEX "Mapping_enrolmentId_criterionId_idx" ON "Mapping"("enrolmentId", "criterionId");

-- CreateIndex
CREATE INDEX "Mapping_enrolmentId_status_idx" ON "Mapping"("enrolmentId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Mapping_evidenceId_criterionId_enrolmentId_key" ON "Mapping"("evidenceId", "criterionId", "enrolmentId");

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mapping" ADD CONSTRAINT "Mapping_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mapping" ADD CONSTRAINT "Mapping_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mapping" ADD CONSTRAINT "Mapping_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MappingRangeItem" ADD CONSTRAINT "MappingRangeItem_mappingId_fkey" FOREIGN KEY ("mappingId") REFERENCES "Mapping"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MappingRangeItem" ADD CONSTRAINT "MappingRangeItem_rangeItemId_fkey" FOREIGN KEY ("rangeItemId") REFERENCES "RangeItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
