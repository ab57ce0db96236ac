-- CreateTable
CREATE TABLE "CentreSigningKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "privateKeyEnc" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" DATETIME,
    CONSTRAINT "CentreSigningKey_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Credential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "unitSignOffId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "statusIndex" INTEGER NOT NULL,
    "json" JSONB NOT NULL,
    "jwt" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "Credential_unitSignOffId_fkey" FOREIGN KEY ("unitSignOffId") REFERENCES "UnitSignOff" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CentreSigningKey_centreId_retiredAt_idx" ON "CentreSigningKey"("centreId", "retiredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_unitSignOffId_key" ON "Credential"("unitSignOffId");

-- CreateIndex
CREATE INDEX "Credential_candidateId_issuedAt_idx" ON "Credential"("candidateId", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Credential_centreId_statusIndex_key" ON "Credential"("centreId", "statusIndex");
