-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "unsubscribeUrl" TEXT;
