import { Prisma } from "../../generated/sqlite/client";

/** Escapes LIKE wildcards with "!" (declared by ESCAPE '!'), so "%" and "_" match themselves. */
function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, "!$&");
}

/**
 * SQL that is true when any of `columns` contains `text`, ignoring case. The search boxes'
 * one rule: Prisma's `contains` ignores case on SQLite but not on PostgreSQL, while
 * LOWER(...) LIKE LOWER(...) means the same on both (for ASCII letters on SQLite), and "%"
 * and "_" typed in a search match themselves.
 */
export function containsIgnoringCase(columns: Prisma.Sql[], text: string): Prisma.Sql {
  const pattern = `%${escapeLike(text)}%`;
  const tests = columns.map((column) => Prisma.sql`LOWER(${column}) LIKE LOWER(${pattern}) ESCAPE '!'`);
  return Prisma.sql`(${Prisma.join(tests, " OR ")})`;
}
