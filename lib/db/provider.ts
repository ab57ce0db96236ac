export type Provider = "sqlite" | "postgresql";

export function providerOf(databaseUrl: string): Provider {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  throw new Error(`unsupported database URL scheme: ${databaseUrl.split(":")[0]}`);
}

/** The dialect of a Prisma client or transaction: Prisma records the generated client's provider. */
export function providerOfClient(db: object): Provider {
  const provider = (db as { _activeProvider?: string })._activeProvider;
  if (provider === "sqlite" || provider === "postgresql") return provider;
  throw new Error(`unsupported database provider ${String(provider)}`);
}

/** "file:./data/app.db" → "./data/app.db" (relative paths resolve from the working directory). */
export function sqliteFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:(\/\/)?/, "");
}

/** The URL without its password, for logs. */
export function redactUrl(databaseUrl: string): string {
  return databaseUrl.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:***@");
}
