#!/usr/bin/env bash
# npm run demo: prepares the SQLite database (keeping existing data), loads the standards and
# demo data, builds, starts the app and prints the URL and demo logins.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-3000}"

if [ ! -f .env ]; then
  secret=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')
  printf 'DATABASE_URL="file:./data/app.db"\nNEXTAUTH_SECRET="%s"\nNEXTAUTH_URL="http://localhost:%s"\n' "$secret" "$port" > .env
  echo "Created .env with a new secret."
fi
# Units cannot be signed off without the secret that seals the credential signing keys.
if ! grep -q '^CREDENTIAL_KEY_SECRET="\?[^"]' .env; then
  key_secret=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')
  printf '\nCREDENTIAL_KEY_SECRET="%s"\n' "$key_secret" >> .env
  echo "Added a credential key secret to .env."
fi

npm run --silent db:migrate
npm run --silent standards:import
if [ -f scripts/seed-demo.ts ]; then npm run --silent seed:demo; fi
npx next build
npx next start -p "$port" &
server=$!
trap 'kill $server 2>/dev/null || true' INT TERM

for _ in $(seq 1 60); do
  if curl -fsS "http://localhost:${port}/api/health" >/dev/null 2>&1; then break; fi
  sleep 1
done

cat <<BANNER

  Competence Portfolio is running at http://localhost:${port}
  Health: http://localhost:${port}/api/health
$( [ -f scripts/demo-logins.txt ] && sed 's/^/  /' scripts/demo-logins.txt )
  Stop with Ctrl+C. Running this again keeps your data.

BANNER
wait "$server"
