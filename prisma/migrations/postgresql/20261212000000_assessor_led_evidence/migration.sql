-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "authorId" TEXT,
ADD COLUMN     "candidateRespondedAt" TIMESTAMP(3),
ADD COLUMN     "candidateResponse" TEXT,
ADD COLUMN     "endTime" TEXT,
ADD COLUMN     "location" TEXT,
ADD COLUMN     "startTime" TEXT;

-- CreateTable
CREATE TABLE "WitnessRequest" (
    "id" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "witnessName" TEXT NOT NULL,
    "witnessEmail" TEXT NOT NULL,
    "witnessJobTitle" TEXT NOT NULL,
    "witnessRelationship" TEXT NOT NULL,
    "criteria" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,
    "submittedAt" TIMESTAMP(3),
    "statedRelationship" TEXT,
    "occupationalCompetence" TEXT,
    "signedName" TEXT,
    "evidenceId" TEXT,
    "expertMarkedAt" TIMESTAMP(3),
    "expertMarkedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WitnessRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WitnessRequest_tokenHash_key" ON "WitnessRequest"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "WitnessRequest_evidenceId_key" ON "WitnessRequest"("evidenceId");

-- CreateIndex
CREATE INDEX "WitnessRequest_candidateId_createdAt_idx" ON "WitnessRequest"("candidateId", "createdAt");

-- CreateIndex
CREATE INDEX "WitnessRequest_centreId_createdAt_idx" ON "WitnessRequest"("centreId", "createdAt");

-- CreateIndex
CREATE INDEX "Evidence_authorId_idx" ON "Evidence"("authorId");

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WitnessRequest" ADD CONSTRAINT "WitnessRequest_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WitnessRequest" ADD CONSTRAINT "WitnessRequest_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
