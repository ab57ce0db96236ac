-- AlterTable
ALTER TABLE "SignInAttempt" ADD COLUMN "clientAddress" TEXT;

-- CreateTable
CREATE TABLE "PasswordReset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdById" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PasswordReset_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "isPlatformAdmin" BOOLEAN NOT NULL DEFAULT false,
    "deactivatedAt" DATETIME,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "deactivatedAt", "email", "id", "isPlatformAdmin", "name", "passwordHash", "updatedAt") SELECT "createdAt", "deactivatedAt", "email", "id", "isPlatformAdmin", "name", "passwordHash", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_name_idx" ON "User"("name");
CREATE TABLE "new_Membership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "awaitingAcceptance" BOOLEAN NOT NULL DEFAULT false,
    "endedAt" DATETIME,
    "invitedName" TEXT,
    CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_centreId_fkey" FOREIGN KEY ("centreId") REFERENCES "Centre" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Membership" ("centreId", "createdAt", "id", "role", "userId") SELECT "centreId", "createdAt", "id", "role", "userId" FROM "Membership";
DROP TABLE "Membership";
ALTER TABLE "new_Membership" RENAME TO "Membership";
CREATE INDEX "Membership_centreId_role_idx" ON "Membership"("centreId", "role");
CREATE UNIQUE INDEX "Membership_userId_centreId_role_key" ON "Membership"("userId", "centreId", "role");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PasswordReset_tokenHash_key" ON "PasswordReset"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordReset_userId_idx" ON "PasswordReset"("userId");

-- CreateIndex
CREATE INDEX "SignInAttempt_clientAddress_at_idx" ON "SignInAttempt"("clientAddress", "at");

-- Backfill (docs/decisions/0009-membership-lifecycle.md): a person who has not yet set a
-- password has not accepted any invitation, so their roles wait for acceptance; a deactivation
-- made by a centre admin before this change ends that person's memberships instead of the account.
UPDATE "Membership" SET "awaitingAcceptance" = true
  WHERE "userId" IN (SELECT "id" FROM "User" WHERE "passwordHash" IS NULL);
UPDATE "Membership" SET "endedAt" = (SELECT "deactivatedAt" FROM "User" WHERE "User"."id" = "Membership"."userId")
  WHERE "userId" IN (SELECT "id" FROM "User" WHERE "deactivatedAt" IS NOT NULL AND "isPlatformAdmin" = false);
UPDATE "User" SET "deactivatedAt" = NULL WHERE "deactivatedAt" IS NOT NULL AND "isPlatformAdmin" = false;
