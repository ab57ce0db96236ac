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
    "greenUntilMs" BIGINT NOT NULL,
    "amberUntilMs" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Enrolment_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_assessorId_fkey" FOREIGN KEY ("assessorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_iqaId_fkey" FOREIGN KEY ("iqaId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_unitVersionId_fkey" FOREIGN KEY ("unitVersionId") REFERENCES "UnitVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Edited by hand: the RAG deadlines by ragDeadlines (lib/progress/rag.ts) from each enrolment's period, met count and unit version's criteria.
INSERT INTO "new_Enrolment" ("assessorId", "candidateDeclaration", "candidateDeclaredAt", "candidateId", "centreId", "createdAt", "endMs", "id", "iqaId", "lastActivityAt", "metCount", "plannedEndDate", "startDate", "startMs", "status", "unitVersionId", "updatedAt", "withdrawnAt", "withdrawnReason", "greenUntilMs", "amberUntilMs") SELECT "Enrolment"."assessorId", "Enrolment"."candidateDeclaration", "Enrolment"."candidateDeclaredAt", "Enrolment"."candidateId", "Enrolment"."centreId", "Enrolment"."createdAt", "Enrolment"."endMs", "Enrolment"."id", "Enrolment"."iqaId", "Enrolment"."lastActivityAt", "Enrolment"."metCount", "Enrolment"."plannedEndDate", "Enrolment"."startDate", "Enrolment"."startMs", "Enrolment"."status", "Enrolment"."unitVersionId", "Enrolment"."updatedAt", "Enrolment"."withdrawnAt", "Enrolment"."withdrawnReason", (CASE WHEN ("Enrolment"."startMs" + ((CASE WHEN "Enrolment"."endMs" > "Enrolment"."startMs" THEN "Enrolment"."endMs" - "Enrolment"."startMs" ELSE 1 END) * (100 * "Enrolment"."metCount" + 10 * (CASE WHEN t."total" > 0 THEN t."total" ELSE 1 END))) / (100 * (CASE WHEN t."total" > 0 THEN t."total" ELSE 1 END))) < "Enrolment"."endMs" THEN ("Enrolment"."startMs" + ((CASE WHEN "Enrolment"."endMs" > "Enrolment"."startMs" THEN "Enrolment"."endMs" - "Enrolment"."startMs" ELSE 1 END) * (100 * "Enrolment"."metCount" + 10 * (CASE WHEN t."total" > 0 THEN t."total" ELSE 1 END))) / (100 * (CASE WHEN t."total" > 0 THEN t."total" ELSE 1 END))) ELSE "Enrolment"."endMs" END), (CASE WHEN ("Enrolment"."startMs" + ((CASE WHEN "Enrolment"."endMs" > "Enrolment"."startMs" THEN "Enrolment"."endMs" - "Enrolment"."startMs" ELSE 1 END) * (100 * "Enrolment"."metCount" + 25 * (CASE WHEN t."total" > 0 THEN t."total" ELSE 1 END))) / (100 * (CASE WHEN t."total" > 0 THEN t."total" ELSE 1 END))) < "Enrolment"."endMs" THEN ("Enrolment"."startMs" + ((CASE WHEN "Enrolment"."endMs" > "Enrolment"."startMs" THEN "Enrolment"."endMs" - "Enrolment"."startMs" ELSE 1 END) * (100 * "Enrolment"."metCount" + 25 * (CASE WHEN t."total" > 0 THEN t."total" ELSE 1 END))) / (100 * (CASE WHEN t."total" > 0 THEN t."total" ELSE 1 END))) ELSE "Enrolment"."endMs" END) FROM "Enrolment" JOIN (SELECT uv."id" AS "unitVersionId", (SELECT COUNT(*) FROM "Criterion" c WHERE c."unitVersionId" = uv."id") AS "total" FROM "UnitVersion" uv) t ON t."unitVersionId" = "Enrolment"."unitVersionId";
DROP TABLE "Enrolment";
ALTER TABLE "new_Enrolment" RENAME TO "Enrolment";
CREATE INDEX "Enrolment_centreId_status_idx" ON "Enrolment"("centreId", "status");
CREATE INDEX "Enrolment_assessorId_idx" ON "Enrolment"("assessorId");
CREATE INDEX "Enrolment_candidateId_idx" ON "Enrolment"("candidateId");
CREATE INDEX "Enrolment_centreId_startDate_idx" ON "Enrolment"("centreId", "startDate");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
