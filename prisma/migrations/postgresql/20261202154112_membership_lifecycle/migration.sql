-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "awaitingAcceptance" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "endedAt" TIMESTAMP(3),
ADD COLUMN     "invitedName" TEXT;

-- AlterTable
ALTER TABLE "SignInAttempt" ADD COLUMN     "clientAddress" TEXT;

-- CreateTable
CREATE TABLE "PasswordReset" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdById" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordReset_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PasswordReset_tokenHash_key" ON "PasswordReset"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordReset_userId_idx" ON "PasswordReset"("userId");

-- CreateIndex
CREATE INDEX "SignInAttempt_clientAddress_at_idx" ON "SignInAttempt"("clientAddress", "at");

-- AddForeignKey
ALTER TABLE "PasswordReset" ADD CONSTRAINT "PasswordReset_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill (docs/decisions/0009-membership-lifecycle.md): a person who has not yet set a
-- password has not accepted any invitation, so their roles wait for acceptance; a deactivation
-- made by a centre admin before this change ends that person's memberships instead of the account.
UPDATE "Membership" SET "awaitingAcceptance" = true
  WHERE "userId" IN (SELECT "id" FROM "User" WHERE "passwordHash" IS NULL);
UPDATE "Membership" SET "endedAt" = (SELECT "deactivatedAt" FROM "User" WHERE "User"."id" = "Membership"."userId")
  WHERE "userId" IN (SELECT "id" FROM "User" WHERE "deactivatedAt" IS NOT NULL AND "isPlatformAdmin" = false);
UPDATE "User" SET "deactivatedAt" = NULL WHERE "deactivatedAt" IS NOT NULL AND "isPlatformAdmin" = false;
