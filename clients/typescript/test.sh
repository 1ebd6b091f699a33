#!/usr/bin/env bash
# The TypeScript SDK's suite: installs Node.js and npm when missing, `npm ci` here, generates the
# code from protos/ and compiles it (npm run build), then runs the unit tests and the conformance
# scenario against a real hub (clients/testing/hub.sh) with `node --test`, and prints one line in
# dotnet test's form, which ./test.sh sums.
set -euo pipefail
cd "$(dirname "$0")"
sdk="@enterprisehub/client (TypeScript)"
root=$(cd ../.. && pwd)

if ! command -v npm >/dev/null 2>&1; then
  echo "== installing Node.js and npm"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if [[ ! -f "$root/src/EnterpriseHub.Server/bin/Debug/net10.0/EnterpriseHub.Server.dll" ]]; then
  echo "== dotnet build (the hub the conformance scenario runs against)"
  dotnet build "$root/EnterpriseHub.slnx" --nologo -v q
fi
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "== npm ci (clients/typescript)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
echo "== npm run build (clients/typescript)"
npm run --silent build

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
node --test --test-concurrency=1 --test-reporter=tap dist/test/*.test.js 2>&1 | tee "$log" || status=$?

count() { awk -v key="# $1" '$0 ~ "^"key" [0-9]+$" { n = $3 } END { print n + 0 }' "$log"; }
total=$(count tests); passed=$(count pass); failed=$(( $(count fail) + $(count cancelled) )); skipped=$(( $(count skipped) + $(count todo) ))
if (( status != 0 || failed > 0 || total == 0 )); then
  (( failed > 0 )) || failed=1
  printf 'Failed!  - Failed: %5d, Passed: %5d, Skipped: %5d, Total: %5d - %s\n' "$failed" "$passed" "$skipped" "$total" "$sdk"
  exit 1
fi
printf 'Passed!  - Failed: %5d, Passed: %5d, Skipped: %5d, Total: %5d - %s\n' "$failed" "$passed" "$skipped" "$total" "$sdk"
