-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Enrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "unitVersionId" TEXT NOT NULL,
    "assessorId" TEXT,
    "iqaId" TEXT,
    "startDate" DATETIME NOT NULL,
    "plannedEndDate" DATETIME NOT NULL,
    "startMs" BIGINT NOT NULL,
    "endMs" BIGINT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "withdrawnAt" DATETIME,
    "withdrawnReason" TEXT,
    "candidateDeclaredAt" DATETIME,
    "candidateDeclaration" TEXT,
    "metCount" INTEGER NOT NULL DEFAULT 0,
    "lastActivityAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Enrolment_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_assessorId_fkey" FOREIGN KEY ("assessorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_iqaId_fkey" FOREIGN KEY ("iqaId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_unitVersionId_fkey" FOREIGN KEY ("unitVersionId") REFERENCES "UnitVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Edited by hand: startMs and endMs from the dates.
INSERT INTO "new_Enrolment" ("assessorId", "candidateDeclaration", "candidateDeclaredAt", "candidateId", "centreId", "createdAt", "id", "iqaId", "lastActivityAt", "metCount", "plannedEndDate", "startDate", "status", "unitVersionId", "updatedAt", "withdrawnAt", "withdrawnReason", "startMs", "endMs") SELECT "assessorId", "candidateDeclaration", "candidateDeclaredAt", "candidateId", "centreId", "createdAt", "id", "iqaId", "lastActivityAt", "metCount", "plannedEndDate", "startDate", "status", "unitVersionId", "updatedAt", "withdrawnAt", "withdrawnReason", CAST(ROUND((julianday("startDate") - 2440587.5) * 86400000.0) AS INTEGER), CAST(ROUND((julianday("plannedEndDate") - 2440587.5) * 86400000.0) AS INTEGER) FROM "Enrolment";
DROP TABLE "Enrolment";
ALTER TABLE "new_Enrolment" RENAME TO "Enrolment";
CREATE INDEX "Enrolment_centreId_status_idx" ON "Enrolment"("centreId", "status");
CREATE INDEX "Enrolment_assessorId_idx" ON "Enrolment"("assessorId");
CREATE INDEX "Enrolment_candidateId_idx" ON "Enrolment"("candidateId");
CREATE INDEX "Enrolment_centreId_startDate_idx" ON "Enrolment"("centreId", "startDate");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
