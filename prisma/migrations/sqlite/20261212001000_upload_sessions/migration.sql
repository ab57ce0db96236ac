-- CreateTable
CREATE TABLE "UploadSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "length" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "touchedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockToken" TEXT,
    "lockedUntil" DATETIME,
    "releaseRequested" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "UploadSession_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "UploadSession_candidateId_idx" ON "UploadSession"("candidateId");

-- CreateIndex
CREATE INDEX "UploadSession_evidenceId_idx" ON "UploadSession"("evidenceId");

-- CreateIndex
CREATE INDEX "UploadSession_touchedAt_idx" ON "UploadSession"("touchedAt");
