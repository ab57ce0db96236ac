-- Full-text index of the standards' criteria, written by hand: schema.prisma cannot describe
-- an FTS5 table. lib/standards/search-index.ts fills it when a unit version is imported, and
-- on the first search for versions imported before this migration (CriterionSearchVersion
-- records which versions are indexed). tests/helpers/catalog.ts leaves these tables out of
-- the schema comparison.
CREATE VIRTUAL TABLE "CriterionSearch" USING fts5(
    "criterionId" UNINDEXED,
    "unitVersionId" UNINDEXED,
    "refKeys" UNINDEXED,
    "refs",
    "text",
    "items",
    "rules",
    "guidance",
    "unit",
    tokenize = 'porter unicode61'
);

CREATE TABLE "CriterionSearchVersion" (
    "unitVersionId" TEXT NOT NULL PRIMARY KEY,
    CONSTRAINT "CriterionSearchVersion_unitVersionId_fkey" FOREIGN KEY ("unitVersionId") REFERENCES "UnitVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
