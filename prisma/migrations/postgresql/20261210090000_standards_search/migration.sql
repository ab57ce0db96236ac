-- Full-text index of the standards' criteria, written by hand: schema.prisma cannot describe
-- a tsvector column or a GIN index. lib/standards/search-index.ts fills it when a unit version
-- is imported, and on the first search for versions imported before this migration
-- (CriterionSearchVersion records which versions are indexed). tests/helpers/catalog.ts
-- leaves these tables out of the schema comparison.
CREATE TABLE "CriterionSearch" (
    "criterionId" TEXT NOT NULL,
    "unitVersionId" TEXT NOT NULL,
    -- Normalised reference forms, space-separated and space-wrapped: " 1.2 ac1.2 ".
    "refKeys" TEXT NOT NULL,
    -- References A, criterion text B, range and rule C, guidance and unit D.
    "document" tsvector NOT NULL,

    CONSTRAINT "CriterionSearch_pkey" PRIMARY KEY ("criterionId"),
    CONSTRAINT "CriterionSearch_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "CriterionSearch_document_idx" ON "CriterionSearch" USING GIN ("document");
CREATE INDEX "CriterionSearch_unitVersionId_idx" ON "CriterionSearch" ("unitVersionId");

CREATE TABLE "CriterionSearchVersion" (
    "unitVersionId" TEXT NOT NULL,

    CONSTRAINT "CriterionSearchVersion_pkey" PRIMARY KEY ("unitVersionId"),
    CONSTRAINT "CriterionSearchVersion_unitVersionId_fkey" FOREIGN KEY ("unitVersionId") REFERENCES "UnitVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
