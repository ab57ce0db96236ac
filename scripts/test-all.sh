#!/usr/bin/env bash
# The whole suite: unit tests, integration tests on SQLite and on PostgreSQL, a production
# build, and the end-to-end tests in Chromium against that build.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== unit and integration tests (SQLite and PostgreSQL) =="
npx vitest run

echo "== production build =="
npx next build

echo "== end-to-end tests (Chromium, next start) =="
if ! npx playwright test; then
  # The server's own log is a file CI does not keep: show what it said went wrong, so a failure
  # seen only in CI can be explained (tests/e2e/zz-log-secrets.spec.ts keeps secrets out of it).
  echo "== the e2e server's warnings and errors (last 60, test-results/e2e-server.log) =="
  grep -E '"level":"(warn|error|fatal)"|Error' test-results/e2e-server.log | tail -n 60 || true
  exit 1
fi
