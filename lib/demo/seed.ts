import type { Db } from "../db/client";
import type { Role } from "../authz/policy";
import { hashPassword } from "../auth/password";
import { plannedPeriod } from "../enrolments/planned-period";
import { seedDemoQuestions } from "../questioning/demo-questions";

// Demo data: two centres, a person in every role, and a few enrolments. Idempotent: people and
// enrolments that exist are left alone, so re-running the demo keeps everything users changed.

export const demoPassword = "demo-password-2026";

type DemoPerson = {
  email: string;
  name: string;
  centre: "northgate" | "riverside";
  roles: Role[];
  platformAdmin?: boolean;
};

export const demoPeople: DemoPerson[] = [
  { email: "admin@northgate.example", name: "Nadia Adams", centre: "northgate", roles: ["CENTRE_ADMIN"] },
  { email: "assessor@northgate.example", name: "Asha Patel", centre: "northgate", roles: ["ASSESSOR"] },
  { email: "assessor2@northgate.example", name: "Ben Morgan", centre: "northgate", roles: ["ASSESSOR"] },
  { email: "iqa@northgate.example", name: "Iris Quinn", centre: "northgate", roles: ["IQA"] },
  { email: "candidate@northgate.example", name: "Cara Jones", centre: "northgate", roles: ["CANDIDATE"] },
  { email: "candidate2@northgate.example", name: "Dev Shah", centre: "northgate", roles: ["CANDIDATE"] },
  { email: "candidate3@northgate.example", name: "Cleo Hart", centre: "northgate", roles: ["CANDIDATE"] },
  {
    email: "multi@northgate.example",
    name: "Morgan Lee",
    centre: "northgate",
    roles: ["ASSESSOR", "IQA", "CENTRE_ADMIN"],
  },
  { email: "eqa@awarding.example", name: "Evan Quist", centre: "northgate", roles: ["EQA"] },
  { email: "admin@riverside.example", name: "Rosa Ruiz", centre: "riverside", roles: ["CENTRE_ADMIN"] },
  { email: "assessor@riverside.example", name: "Raj Rao", centre: "riverside", roles: ["ASSESSOR"] },
  { email: "candidate@riverside.example", name: "Rhys Reed", centre: "riverside", roles: ["CANDIDATE"] },
  { email: "platform@example.org", name: "Pat Platform", centre: "northgate", roles: [], platformAdmin: true },
];

const centres = {
  northgate: { slug: "northgate", name: "Northgate Training Centre" },
  riverside: { slug: "riverside", name: "Riverside Skills Academy" },
};

const demoEnrolments: {
  candidate: string;
  unit: string;
  assessor: string;
  iqa: string;
  startDaysAgo: number;
  lengthDays: number;
}[] = [
  {
    candidate: "candidate@northgate.example",
    unit: "CS34",
    assessor: "assessor@northgate.example",
    iqa: "iqa@northgate.example",
    startDaysAgo: 60,
    lengthDays: 240,
  },
  {
    candidate: "candidate@northgate.example",
    unit: "CU782",
    assessor: "assessor@northgate.example",
    iqa: "iqa@northgate.example",
    startDaysAgo: 60,
    lengthDays: 240,
  },
  {
    candidate: "candidate2@northgate.example",
    unit: "INSCS042",
    assessor: "assessor2@northgate.example",
    iqa: "iqa@northgate.example",
    startDaysAgo: 200,
    lengthDays: 180,
  },
  // Enrolled on CS5 and CU782, whose criteria the crosswalk pairs: claims one evidence in both.
  {
    candidate: "candidate3@northgate.example",
    unit: "CS5",
    assessor: "assessor@northgate.example",
    iqa: "iqa@northgate.example",
    startDaysAgo: 30,
    lengthDays: 300,
  },
  {
    candidate: "candidate3@northgate.example",
    unit: "CU782",
    assessor: "assessor@northgate.example",
    iqa: "iqa@northgate.example",
    startDaysAgo: 30,
    lengthDays: 300,
  },
  {
    candidate: "candidate@riverside.example",
    unit: "CFAM&LFD3",
    assessor: "assessor@riverside.example",
    iqa: "assessor@riverside.example",
    startDaysAgo: 30,
    lengthDays: 365,
  },
];

export async function seedDemo(db: Db, now = new Date()): Promise<{ created: number }> {
  let created = 0;
  const centreIds: Record<string, string> = {};
  for (const [key, centre] of Object.entries(centres)) {
    const row = await db.centre.upsert({ where: { slug: centre.slug }, update: {}, create: centre });
    centreIds[key] = row.id;
  }
  const passwordHash = await hashPassword(demoPassword);
  const userIds: Record<string, string> = {};
  for (const person of demoPeople) {
    const existing = await db.user.findUnique({ where: { email: person.email } });
    const user =
      existing ??
      (await db.user.create({
        data: { email: person.email, name: person.name, passwordHash, isPlatformAdmin: person.platformAdmin ?? false },
      }));
    if (!existing) {
      created++;
      const centreId = centreIds[person.centre];
      if (!centreId) throw new Error(`unknown demo centre ${person.centre}`);
      for (const role of person.roles) await db.membership.create({ data: { userId: user.id, centreId, role } });
    }
    userIds[person.email] = user.id;
  }
  for (const e of demoEnrolments) {
    const candidateId = userIds[e.candidate];
    const version = await db.unitVersion.findFirst({ where: { unit: { code: e.unit } }, orderBy: { number: "desc" } });
    if (!candidateId || !version) continue;
    const exists = await db.enrolment.findFirst({ where: { candidateId, unitVersion: { unit: { code: e.unit } } } });
    if (exists) continue;
    const centreId = e.candidate.endsWith("riverside.example") ? centreIds.riverside : centreIds.northgate;
    if (!centreId) continue;
    const day = 86_400_000;
    await db.enrolment.create({
      data: {
        centreId,
        candidateId,
        unitVersionId: version.id,
        assessorId: userIds[e.assessor] ?? null,
        iqaId: userIds[e.iqa] ?? null,
        ...plannedPeriod(
          new Date(now.getTime() - e.startDaysAgo * day),
          new Date(now.getTime() + (e.lengthDays - e.startDaysAgo) * day),
        ),
      },
    });
    created++;
  }
  const asha = userIds["assessor@northgate.example"];
  if (centreIds.northgate && asha) created += await seedDemoQuestions(db, centreIds.northgate, asha);
  return { created };
}
