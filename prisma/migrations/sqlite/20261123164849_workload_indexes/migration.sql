-- CreateIndex
CREATE INDEX "Enrolment_centreId_status_assessorId_candidateId_idx" ON "Enrolment"("centreId", "status", "assessorId", "candidateId");

-- CreateIndex
CREATE INDEX "Decision_centreId_signedAt_signedById_enrolmentId_idx" ON "Decision"("centreId", "signedAt", "signedById", "enrolmentId");
