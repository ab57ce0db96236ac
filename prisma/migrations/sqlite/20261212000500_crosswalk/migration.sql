-- CreateTable
CREATE TABLE "CrosswalkVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CrosswalkPair" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "aCriterionId" TEXT NOT NULL,
    "bCriterionId" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    CONSTRAINT "CrosswalkPair_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "CrosswalkVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CrosswalkPair_aCriterionId_fkey" FOREIGN KEY ("aCriterionId") REFERENCES "Criterion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CrosswalkPair_bCriterionId_fkey" FOREIGN KEY ("bCriterionId") REFERENCES "Criterion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CrosswalkVersion_number_key" ON "CrosswalkVersion"("number");

-- CreateIndex
CREATE INDEX "CrosswalkPair_aCriterionId_idx" ON "CrosswalkPair"("aCriterionId");

-- CreateIndex
CREATE INDEX "CrosswalkPair_bCriterionId_idx" ON "CrosswalkPair"("bCriterionId");

-- CreateIndex
CREATE UNIQUE INDEX "CrosswalkPair_versionId_position_key" ON "CrosswalkPair"("versionId", "position");
