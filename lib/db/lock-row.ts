import { Prisma } from "../../generated/sqlite/client";
import type { Db } from "./client";

/**
 * Takes a row's write lock until the transaction ends, with a no-op UPDATE (SQLite has no
 * SELECT ... FOR UPDATE; it runs one writer at a time anyway). On PostgreSQL a transaction that
 * locks the same row waits for this one to end, and its later statements (each with a fresh
 * snapshot under READ COMMITTED) then see what this one committed. That is what makes a
 * recount or a re-check made after the lock safe against a concurrent writer.
 */
export async function lockRow(
  tx: Pick<Db, "$executeRaw">,
  table: "Centre" | "Enrolment" | "User",
  id: string,
): Promise<void> {
  await tx.$executeRaw`UPDATE ${Prisma.raw(`"${table}"`)} SET "id" = "id" WHERE "id" = ${id}`;
}
