import "server-only";
import type { Db } from "./db/client";
import { processDb } from "./db/process-db";

export const db: Db = processDb();
export type { Db };
