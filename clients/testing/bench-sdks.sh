#!/usr/bin/env bash
# Lookups per second from one client process of each SDK, against the same hub in the same run:
# GetEnterprise of the demo enterprise as tax, IN_FLIGHT calls in flight on one client, WARMUP
# seconds of warm-up then SECONDS measured, one SDK after the other; Health/Check from the C#
# client first as the yardstick. Beside each figure, the hub's CPU time per call in the measured
# phase (from /proc) and the client's own. Prints a markdown table for docs/benchmarks.md.
#
#   clients/testing/bench-sdks.sh [WARMUP] [SECONDS] [IN_FLIGHT]     (defaults 20 20 32)
#
# The hub is the Release build on the embedded default (SQLite, in-memory cache, demo zone), with
# request logs off and the quotas lifted (a single identity's 2,000 reads a second would cap every
# row). Run each SDK's test.sh once first: they install the toolchains and generate the code.
set -euo pipefail
warmup=${1:-20}
seconds=${2:-20}
in_flight=${3:-32}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

echo "== building: the Release hub and C# client, the Java, Python and TypeScript SDKs" >&2
dotnet build -c Release tests/EnterpriseHub.Benchmarks --nologo -v q >&2
(cd clients/java && mvn -B -q -ntp -DskipTests package >&2)
(cd clients/python && /usr/bin/python3 build_protos.py >&2)
(cd clients/typescript && npm run --silent build >&2)

hub=$(mktemp -d)
trap 'clients/testing/hub.sh stop "$hub"; rm -rf "$hub"' EXIT
HUB_CONFIGURATION=Release \
  HUB_ARGS="$(printf -- '--Hub:Quotas:%s:PerSecond=0 ' Read Publish Watch Change Probe)--Hub:Quotas:MaxStreamsPerIdentity=0" \
  clients/testing/hub.sh start "$hub"
# shellcheck source=/dev/null
source "$hub/env"
ticks=$(getconf CLK_TCK)
hub_cpu() { awk -v t="$ticks" '{ printf "%.3f", ($14 + $15) / t }' "/proc/$HUB_PID/stat"; }

# row NAME COMMAND...: runs one lookup program, reads its "measuring" and "done" lines, prints a row.
row() {
  local name=$1 line before="" calls="" elapsed client refused
  shift
  echo "== $name: ${warmup} s warm-up, ${seconds} s measured" >&2
  while IFS= read -r line; do
    case $line in
      measuring) before=$(hub_cpu) ;;
      done\ *)
        read -r _ calls elapsed client refused <<<"$line"
        awk -v n="$name" -v c="$calls" -v e="$elapsed" -v h="$(hub_cpu)" -v b="$before" -v cl="$client" -v r="$refused" \
          'BEGIN { printf "| %s | %.0f | %.0f | %.0f | %d |\n", n, c / e, (h - b) * 1e6 / c, cl * 1e6 / c, r }'
        ;;
      *) echo "$line" >&2 ;;
    esac
  done < <("$@")
  [[ -n $calls ]] || { echo "bench-sdks.sh: $name printed no result" >&2; exit 1; }
}

bench=(dotnet tests/EnterpriseHub.Benchmarks/bin/Release/net10.0/EnterpriseHub.Benchmarks.dll "$warmup" "$seconds" "$in_flight" "--sdk-lookups=$hub")
echo "| client ($in_flight in flight, one process) | calls/s | hub CPU µs/call | client CPU µs/call | refused |"
echo "|---|---:|---:|---:|---:|"
row "C#, Health/Check (yardstick)" "${bench[@]}" --health
row "C# (EnterpriseHub.Client)" "${bench[@]}"
row "Java (grpc-java 1.41)" bash -c "cd clients/java/examples && exec java -cp \"\$(../classpath.sh)\" Benchmark.java '$hub' $warmup $seconds $in_flight"
row "Python (grpcio 1.51)" /usr/bin/python3 -B clients/python/bench_lookups.py "$hub" "$warmup" "$seconds" "$in_flight"
row "TypeScript (Connect-ES 2.1)" node clients/typescript/dist/test/bench-lookups.js "$hub" "$warmup" "$seconds" "$in_flight"
