-- DropIndex
DROP INDEX "Enrolment_centreId_status_idx";

-- CreateIndex
CREATE INDEX "Enrolment_centreId_status_startMs_greenUntilMs_amberUntilMs_idx" ON "Enrolment"("centreId", "status", "startMs", "greenUntilMs", "amberUntilMs");
