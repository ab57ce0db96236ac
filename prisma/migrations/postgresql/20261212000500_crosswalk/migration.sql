-- CreateTable
CREATE TABLE "CrosswalkVersion" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CrosswalkVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrosswalkPair" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "aCriterionId" TEXT NOT NULL,
    "bCriterionId" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,

    CONSTRAINT "CrosswalkPair_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CrosswalkVersion_number_key" ON "CrosswalkVersion"("number");

-- CreateIndex
CREATE INDEX "CrosswalkPair_aCriterionId_idx" ON "CrosswalkPair"("aCriterionId");

-- CreateIndex
CREATE INDEX "CrosswalkPair_bCriterionId_idx" ON "CrosswalkPair"("bCriterionId");

-- CreateIndex
CREATE UNIQUE INDEX "CrosswalkPair_versionId_position_key" ON "CrosswalkPair"("versionId", "position");

-- AddForeignKey
ALTER TABLE "CrosswalkPair" ADD CONSTRAINT "CrosswalkPair_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "CrosswalkVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrosswalkPair" ADD CONSTRAINT "CrosswalkPair_aCriterionId_fkey" FOREIGN KEY ("aCriterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrosswalkPair" ADD CONSTRAINT "CrosswalkPair_bCriterionId_fkey" FOREIGN KEY ("bCriterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
