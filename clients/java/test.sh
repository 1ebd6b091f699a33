#!/usr/bin/env bash
# The Java SDK's whole suite: installs what it needs when missing (Debian's JDK, Maven and its
# plugins, the gRPC/protobuf/netty jars, protoc and the grpc-java plugin; npm ci for google/rpc
# protos), then `mvn test` offline against /usr/share/maven-repo (.mvn/maven.config), which
# generates the code from protos/ (generate.sh), compiles, and runs the JUnit 5 tests through
# surefire: unit tests, and the conformance scenario against a real hub started through
# clients/testing/hub.sh. Prints one line in dotnet test's form, which ./test.sh sums.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
name="EnterpriseHub.Client (Java)"

packages=(openjdk-17-jdk-headless maven libmaven-compiler-plugin-java libsurefire-java libmaven-resources-plugin-java
  libmaven-jar-plugin-java libexec-maven-plugin-java protobuf-compiler protobuf-compiler-grpc-java-plugin libgrpc-java
  libprotobuf-java libnetty-java libperfmark-java libguava-java liberror-prone-java libjsr305-java
  libgeronimo-annotation-1.3-spec-java junit5)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
  echo "== installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [[ ! -f node_modules/google-proto-files/google/rpc/error_details.proto || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "== mvn test (offline)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
mvn -B -ntp test 2>&1 | sed 's/\x1b\[[0-9;]*m//g' | grep -vE '^\[INFO\] (Download|Copying|skip non existing)' | tee "$log"
status=${PIPESTATUS[0]}
set -e
# surefire's closing count: "Tests run: 15, Failures: 0, Errors: 0, Skipped: 0" (the line without " - in ").
line=$(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" | tail -1 || true)
read -r run failures errors skipped < <(echo "$line" | sed -E 's/.*Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+), Skipped: ([0-9]+)/\1 \2 \3 \4/')
run=${run:-0}; failures=${failures:-0}; errors=${errors:-0}; skipped=${skipped:-0}
failed=$((failures + errors))
total=$run
if ((status != 0 && failed == 0)); then failed=1; total=$((run + 1)); fi # the build itself failed
passed=$((total - failed - skipped))
word='Passed!'; ((failed == 0)) || word='Failed!'
printf '%s  - Failed: %5d, Passed: %5d, Skipped: %5d, Total: %5d - %s\n' "$word" "$failed" "$passed" "$skipped" "$total" "$name"
((failed == 0))
