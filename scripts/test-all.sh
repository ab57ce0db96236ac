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
npx playwright test
