-- AlterTable (edited by hand: added nullable, filled from the dates, then required)
ALTER TABLE "Enrolment" ADD COLUMN     "endMs" BIGINT,
ADD COLUMN     "startMs" BIGINT;
UPDATE "Enrolment" SET "startMs" = CAST(date_part('epoch', "startDate") * 1000 AS BIGINT), "endMs" = CAST(date_part('epoch', "plannedEndDate") * 1000 AS BIGINT);
ALTER TABLE "Enrolment" ALTER COLUMN "endMs" SET NOT NULL, ALTER COLUMN "startMs" SET NOT NULL;
