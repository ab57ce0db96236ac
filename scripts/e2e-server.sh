#!/usr/bin/env bash
# Starts the production build on a fresh SQLite database with the standards and demo data,
# for the Playwright suite. Expects `next build` to have run.
set -euo pipefail
port="${1:-3100}"
export DATABASE_URL="file:./data/e2e.db"
export NODE_ENV=production
export NEXTAUTH_URL="http://127.0.0.1:${port}"
export NEXTAUTH_SECRET="${NEXTAUTH_SECRET:-e2e-secret-that-is-long-enough-0123456789}"
rm -f data/e2e.db data/e2e.db-journal
npx tsx scripts/migrate.ts
npx tsx scripts/import-standards.ts
if [ -f scripts/seed-demo.ts ]; then npx tsx scripts/seed-demo.ts; fi
exec npx next start -p "$port" -H 127.0.0.1
