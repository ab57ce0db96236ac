-- CreateTable
CREATE TABLE "Question" (
    "id" TEXT NOT NULL,
    "centreId" TEXT NOT NULL,
    "unitVersionId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "criterionIds" JSONB NOT NULL,
    "guidance" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "Question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionAssignment" (
    "id" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "setById" TEXT NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "draft" TEXT,
    "outcome" TEXT,
    "evidenceId" TEXT,

    CONSTRAINT "QuestionAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionAnswer" (
    "id" TEXT NOT NULL,
    "assignmentId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mark" TEXT,
    "feedback" TEXT,
    "markedById" TEXT,
    "markedAt" TIMESTAMP(3),

    CONSTRAINT "QuestionAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Question_centreId_unitVersionId_idx" ON "Question"("centreId", "unitVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionAssignment_evidenceId_key" ON "QuestionAssignment"("evidenceId");

-- CreateIndex
CREATE INDEX "QuestionAssignment_enrolmentId_setAt_idx" ON "QuestionAssignment"("enrolmentId", "setAt");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionAssignment_enrolmentId_questionId_key" ON "QuestionAssignment"("enrolmentId", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionAnswer_assignmentId_attempt_key" ON "QuestionAnswer"("assignmentId", "attempt");

-- AddForeignKey
ALTER TABLE "QuestionAssignment" ADD CONSTRAINT "QuestionAssignment_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionAnswer" ADD CONSTRAINT "QuestionAnswer_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "QuestionAssignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
