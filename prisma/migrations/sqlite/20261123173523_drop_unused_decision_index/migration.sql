-- Nothing reads decisions by signedAt across centres any more: the workload and the weekly chart read a centre's
-- decisions by (centreId, ...). This index only cost every signature, and seeding 858,000 decisions.
-- DropIndex
DROP INDEX "Decision_signedAt_outcome_currentSlot_enrolmentId_signedById_idx";
