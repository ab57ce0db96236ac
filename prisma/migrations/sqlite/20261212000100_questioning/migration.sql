-- CreateTable
CREATE TABLE "Question" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "centreId" TEXT NOT NULL,
    "unitVersionId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "criterionIds" JSONB NOT NULL,
    "guidance" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" DATETIME
);

-- CreateTable
CREATE TABLE "QuestionAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrolmentId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "setById" TEXT NOT NULL,
    "setAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "draft" TEXT,
    "outcome" TEXT,
    "evidenceId" TEXT,
    CONSTRAINT "QuestionAssignment_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuestionAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "assignmentId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mark" TEXT,
    "feedback" TEXT,
    "markedById" TEXT,
    "markedAt" DATETIME,
    CONSTRAINT "QuestionAnswer_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "QuestionAssignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
