// For test files that load the app's own modules (lib/db, lib/env) against their test database
// by setting process.env first: afterwards, the app's database client is closed and the
// environment put back as it was, so the next file starts clean.

export async function releaseAppModules(savedEnv: NodeJS.ProcessEnv): Promise<void> {
  const app = globalThis as { db?: { $disconnect(): Promise<void> } };
  await app.db?.$disconnect();
  delete app.db;
  for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
  Object.assign(process.env, savedEnv);
}
