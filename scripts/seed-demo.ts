// npm run seed:demo: demo centres, people in every role and enrolments (keeps existing data).
import { createDb } from "../lib/db/client";
import { seedDemo } from "../lib/demo/seed";
import { env } from "../lib/env";

const db = createDb(env.DATABASE_URL);
try {
  const { created } = await seedDemo(db);
  console.log(created ? `Demo data: created ${created} records.` : "Demo data already present; nothing changed.");
} finally {
  await db.$disconnect();
}
