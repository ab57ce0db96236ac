-- DropIndex
DROP INDEX "EvidenceFile_storageKey_key";

-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "revisionOfId" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "EvidenceFile" ADD COLUMN     "copiedFromId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_revisionOfId_key" ON "Evidence"("revisionOfId");

-- CreateIndex
CREATE INDEX "EvidenceFile_copiedFromId_idx" ON "EvidenceFile"("copiedFromId");

-- CreateIndex
CREATE INDEX "EvidenceFile_storageKey_idx" ON "EvidenceFile"("storageKey");

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_revisionOfId_fkey" FOREIGN KEY ("revisionOfId") REFERENCES "Evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_copiedFromId_fkey" FOREIGN KEY ("copiedFromId") REFERENCES "EvidenceFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
