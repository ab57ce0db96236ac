// npm run seed:demo: demo centres, people in every role and enrolments, and assessed work for the
// demo IQA to sample (keeps existing data).
import { createDb } from "../lib/db/client";
import { seedDemoDecisions } from "../lib/demo/decisions";
import { seedDemo } from "../lib/demo/seed";
import { env } from "../lib/env";

const db = createDb(env.DATABASE_URL);
try {
  const people = await seedDemo(db);
  const assessed = await seedDemoDecisions(db);
  const created = people.created + assessed.created;
  console.log(created ? `Demo data: created ${created} records.` : "Demo data already present; nothing changed.");
} finally {
  await db.$disconnect();
}
