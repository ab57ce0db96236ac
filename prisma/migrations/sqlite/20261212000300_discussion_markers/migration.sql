-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN "agenda" TEXT;

-- CreateTable
CREATE TABLE "RecordingMarker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "evidenceId" TEXT NOT NULL,
    "fileId" TEXT,
    "criterionId" TEXT NOT NULL,
    "atSeconds" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecordingMarker_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RecordingMarker_evidenceId_atSeconds_idx" ON "RecordingMarker"("evidenceId", "atSeconds");
