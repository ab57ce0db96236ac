-- CreateIndex
CREATE INDEX "Enrolment_iqaId_idx" ON "Enrolment"("iqaId");
