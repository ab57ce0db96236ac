-- CreateIndex
CREATE INDEX "User_name_idx" ON "User"("name");

-- CreateIndex
CREATE INDEX "Enrolment_centreId_startDate_idx" ON "Enrolment"("centreId", "startDate");

-- CreateIndex
CREATE INDEX "Mapping_enrolmentId_updatedAt_idx" ON "Mapping"("enrolmentId", "updatedAt");

-- CreateIndex
CREATE INDEX "Mapping_status_enrolmentId_evidenceId_idx" ON "Mapping"("status", "enrolmentId", "evidenceId");

-- CreateIndex
CREATE INDEX "Decision_enrolmentId_outcome_currentSlot_idx" ON "Decision"("enrolmentId", "outcome", "currentSlot");

-- CreateIndex
CREATE INDEX "Decision_signedAt_outcome_currentSlot_enrolmentId_signedById_idx" ON "Decision"("signedAt", "outcome", "currentSlot", "enrolmentId", "signedById");
