#!/usr/bin/env bash
# Starts the production build on a fresh SQLite database with the standards and demo data,
# for the Playwright suite. Expects `next build` to have run.
set -euo pipefail
port="${1:-3100}"
export DATABASE_URL="file:./data/e2e.db"
export NODE_ENV=production
export NEXTAUTH_URL="http://127.0.0.1:${port}"
export NEXTAUTH_SECRET="${NEXTAUTH_SECRET:-e2e-secret-that-is-long-enough-0123456789}"
# Seals the centres' credential signing keys (seeds that sign off units issue credentials too).
export CREDENTIAL_KEY_SECRET="${CREDENTIAL_KEY_SECRET:-e2e-credential-key-secret-0123456789abcdef}"
rm -f data/e2e.db data/e2e.db-journal
npx tsx scripts/migrate.ts
npx tsx scripts/import-standards.ts
if [ -f scripts/seed-demo.ts ]; then npx tsx scripts/seed-demo.ts; fi
# GET /api/metrics answers with this token (tests/e2e/zz-log-secrets.spec.ts scrapes it).
export METRICS_TOKEN="${METRICS_TOKEN:-e2e-metrics-token-0123456789abcdef}"
# The server's own output (JSON log lines, and anything Next prints) goes to a file, not to the
# test run's output (a line per request would bury the test report): tests/e2e/zz-log-secrets.spec.ts,
# which runs last, checks that no secret reached it. Read it there when the server misbehaves.
server_log="test-results/e2e-server.log"
mkdir -p test-results
: >"$server_log"
echo "next start on port ${port}; its log: ${server_log}"
exec >>"$server_log" 2>&1
exec npx next start -p "$port" -H 127.0.0.1
