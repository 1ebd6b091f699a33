#!/usr/bin/env bash
# Runs every check of the hub: the proto lint and every test suite, on a fresh machine too.
# It installs what the checks need (Node.js for the buf CLI, PostgreSQL and Redis for the
# scale-out tests, chromium and a CJK font for the web page's browser tests), starts private
# PostgreSQL and Redis servers on free loopback ports for the run, and stops them after, also
# when a test fails.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v npm >/dev/null 2>&1; then
  echo "== installing Node.js and npm (for the buf CLI)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi

# The web page's browser tests drive Debian's chromium (Playwright never downloads a browser) and
# its screenshots need a CJK font.
if ! command -v chromium >/dev/null 2>&1 || [[ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]]; then
  echo "== installing chromium and fonts-wqy-microhei (for the web page's browser tests)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi

if [[ ! -x node_modules/.bin/buf || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "== npm ci (buf CLI)"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "== buf lint"
node_modules/.bin/buf lint

# The contract as last released: a breaking change to protos/ fails here unless the baseline is
# moved on purpose (`node_modules/.bin/buf build --exclude-source-info -o protos/released.binpb`
# when a version is released; see README).
echo "== buf breaking (against protos/released.binpb)"
node_modules/.bin/buf breaking --against protos/released.binpb

log=$(mktemp)
services=$(mktemp -d)
trap 'tests/services.sh stop "$services"; rm -f "$log"' EXIT
echo "== PostgreSQL and Redis for the tests"
tests/services.sh start "$services"
# shellcheck source=/dev/null
source "$services/env"

echo "== dotnet test"
status=0
# A test that hangs is stopped after 5 minutes and named ("The active test running was ..."),
# instead of holding the run until CI's limit; no test takes a minute.
hang=(--blame-hang-timeout 5m --blame-hang-dump-type none)
dotnet test EnterpriseHub.slnx --nologo "${hang[@]}" 2>&1 | tee "$log" || status=$?

# The integration suite again with every hub on PostgreSQL and Redis instead of SQLite (the
# scale-out tests, which run their own replicas on their own servers, ran in the first pass).
echo "== dotnet test (integration tests on PostgreSQL and Redis)"
HUB_TEST_STORE=postgres dotnet test tests/EnterpriseHub.Server.Tests --no-build --nologo "${hang[@]}" \
  --filter "FullyQualifiedName!~ScaleOut" 2>&1 | tee -a "$log" || status=$?

# Each SDK's own suite in its own runner (clients/<language>/test.sh), against real hubs it starts
# with clients/testing/hub.sh. Each prints one line in dotnet test's form
# ("Passed!  - Failed: 0, Passed: N, Skipped: 0, Total: N - <sdk>"), counted below.
shopt -s nullglob
for suite in clients/*/test.sh; do
  echo "== $suite"
  bash "$suite" 2>&1 | tee -a "$log" || status=$?
done
shopt -u nullglob

# One closing line for the whole run, summed over the test assemblies and the SDK suites.
awk '/(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
