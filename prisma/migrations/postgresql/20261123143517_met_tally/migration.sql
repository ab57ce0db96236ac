-- CreateTable
CREATE TABLE "MetTally" (
    "centreId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "MetTally_pkey" PRIMARY KEY ("centreId","slot")
);

-- AddForeignKey
ALTER TABLE "MetTally" ADD CONSTRAINT "MetTally_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Backfill: the same count as lib/progress/met-tally.ts, for every centre.
INSERT INTO "MetTally" ("centreId", "slot", "count")
SELECT d."centreId", CAST(CAST(date_part('epoch', d."signedAt") * 1000 AS BIGINT) / 900000 AS INTEGER), COUNT(*)
FROM "Decision" d WHERE d."outcome" = 'MET' AND d."currentSlot" = 'current'
GROUP BY 1, 2;
