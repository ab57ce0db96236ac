import { expect } from "vitest";
import type { Db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { plannedPeriod } from "@/lib/enrolments/planned-period";
import { importStandards } from "@/lib/standards/import";

// For the claim-across-units tests (issue #18): the standards with their crosswalk, the demo,
// and Cara (on CS34 and CU782 in the demo) also enrolled on CS5, with the same assessor and IQA
// as her CU782. CU782 and CS5 are one unit in two awarding bodies' words: 27 exact pairs.

export type FixtureEnrolment = { id: string; centreId: string; unitVersionId: string };

export async function enrolmentOn(db: Db, email: string, code: string): Promise<FixtureEnrolment> {
  return db.enrolment.findFirstOrThrow({
    where: { candidate: { email }, unitVersion: { unit: { code } } },
    select: { id: true, centreId: true, unitVersionId: true },
  });
}

/** Enrols the candidate of `like` on the latest version of `code`, with `like`'s centre, assessor and IQA. */
export async function enrolLike(db: Db, like: { id: string }, code: string): Promise<void> {
  const model = await db.enrolment.findUniqueOrThrow({ where: { id: like.id } });
  const version = await db.unitVersion.findFirstOrThrow({ where: { unit: { code } }, orderBy: { number: "desc" } });
  await db.enrolment.create({
    data: {
      centreId: model.centreId,
      candidateId: model.candidateId,
      unitVersionId: version.id,
      assessorId: model.assessorId,
      iqaId: model.iqaId,
      ...plannedPeriod(new Date("2026-01-05T00:00:00Z"), new Date("2026-12-18T00:00:00Z")),
    },
  });
}

export async function loadClaimAcrossUnitsFixture(db: Db) {
  expect((await importStandards(db)).errors).toEqual([]);
  await seedDemo(db);
  const cara = "candidate@northgate.example";
  const cu782 = await enrolmentOn(db, cara, "CU782");
  await enrolLike(db, cu782, "CS5");
  return {
    enrolments: {
      cs5: await enrolmentOn(db, cara, "CS5"),
      cu782,
      cs34: await enrolmentOn(db, cara, "CS34"),
      devInscs042: await enrolmentOn(db, "candidate2@northgate.example", "INSCS042"),
    },
  };
}

/** A new evidence item of the candidate, at the centre of `at`. */
export async function evidenceOf(
  db: Db,
  candidateId: string,
  at: { centreId: string },
  options: { simulated?: boolean; title?: string } = {},
) {
  return db.evidence.create({
    data: {
      centreId: at.centreId,
      candidateId,
      title: options.title ?? "Service offer review",
      method: "productOfWork",
      activityDate: new Date("2026-02-10T00:00:00Z"),
      description: "The customer expectations survey I ran and the service offer I wrote from it.",
      simulated: options.simulated ?? false,
    },
  });
}

export async function criterionOf(db: Db, enrolment: FixtureEnrolment, ref: string) {
  return db.criterion.findFirstOrThrow({
    where: { unitVersionId: enrolment.unitVersionId, ref },
    select: { id: true, ref: true, rangeItems: { select: { id: true }, orderBy: { position: "asc" } } },
  });
}
