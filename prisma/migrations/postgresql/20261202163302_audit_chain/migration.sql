-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chainId" TEXT,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT,
ADD COLUMN     "seq" INTEGER;

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "chainId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("chainId")
);

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_chainId_seq_key" ON "AuditEvent"("chainId", "seq");

-- Backfill: the events already there join their chain (the centre's, or "platform") in the
-- order they happened. Their hashes are SHA-256, which SQLite cannot compute: the migration's
-- TypeScript step (lib/db/migration-hooks.ts) fills them in the same transaction.
UPDATE "AuditEvent" SET "chainId" = COALESCE("centreId", 'platform');
UPDATE "AuditEvent" SET "seq" = "ordered"."n"
FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "chainId" ORDER BY "at", "id") AS "n" FROM "AuditEvent") AS "ordered"
WHERE "AuditEvent"."id" = "ordered"."id";
