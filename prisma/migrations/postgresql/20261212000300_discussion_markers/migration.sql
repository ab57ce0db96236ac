-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "agenda" TEXT;

-- CreateTable
CREATE TABLE "RecordingMarker" (
    "id" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,
    "fileId" TEXT,
    "criterionId" TEXT NOT NULL,
    "atSeconds" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordingMarker_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RecordingMarker_evidenceId_atSeconds_idx" ON "RecordingMarker"("evidenceId", "atSeconds");

-- AddForeignKey
ALTER TABLE "RecordingMarker" ADD CONSTRAINT "RecordingMarker_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;
