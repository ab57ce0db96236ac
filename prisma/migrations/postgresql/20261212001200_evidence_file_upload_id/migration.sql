-- AlterTable
ALTER TABLE "EvidenceFile" ADD COLUMN     "uploadId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceFile_uploadId_key" ON "EvidenceFile"("uploadId");
