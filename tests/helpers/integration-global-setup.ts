import pg from "pg";

// Says, in the runner's output, which database server the integration tests use, and fails
// the run at once (never skips) when PostgreSQL cannot be reached.
export default async function setup(project: { name: string }) {
  const provider = project.name.endsWith("postgresql") ? "postgresql" : "sqlite";
  if (provider !== "postgresql") {
    process.stdout.write("[integration:sqlite] each test file uses its own temporary SQLite file\n");
    return;
  }
  const server = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432";
  const client = new pg.Client({ connectionString: `${server}/test`, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string }>("SELECT version()");
    process.stdout.write(
      `[integration:postgresql] ${rows[0]?.version ?? "PostgreSQL"} at ${server.replace(/^postgresql:\/\/[^@]*@/, "")}; each test file creates and drops its own database cp_test_*\n`,
    );
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${server}: ${error instanceof Error ? error.message : String(error)}. Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
