-- CreateTable
CREATE TABLE "MetTally" (
    "centreId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("centreId", "slot"),
    CONSTRAINT "MetTally_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- Backfill: the same count as lib/progress/met-tally.ts, for every centre.
INSERT INTO "MetTally" ("centreId", "slot", "count")
SELECT d."centreId", CAST(CAST(ROUND((julianday(d."signedAt") - 2440587.5) * 86400000.0) AS INTEGER) / 900000 AS INTEGER), COUNT(*)
FROM "Decision" d WHERE d."outcome" = 'MET' AND d."currentSlot" = 'current'
GROUP BY 1, 2;
