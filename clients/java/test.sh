#!/usr/bin/env bash
# The Java SDK's whole suite: installs what it needs when missing (Debian packages, npm ci for
# google/rpc protos), generates the code from protos/ (generate.sh), compiles with javac against
# Debian's jars in /usr/share/java, and runs the JUnit 5 tests (unit tests, and the conformance
# scenario against a real hub started through clients/testing/hub.sh) with the JUnit console
# launcher. Prints one line in dotnet test's form, which ./test.sh sums.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"

packages=(openjdk-17-jdk-headless protobuf-compiler protobuf-compiler-grpc-java-plugin libgrpc-java
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

J=/usr/share/java
classpath=$(printf "$J/%s.jar:" grpc-api grpc-core grpc-context grpc-netty grpc-protobuf grpc-protobuf-lite grpc-stub \
  protobuf guava perfmark-api error_prone_annotations jsr305 geronimo-annotation-1.3-spec netty-buffer netty-codec \
  netty-codec-http netty-codec-http2 netty-codec-socks netty-common netty-handler netty-handler-proxy netty-resolver \
  netty-transport netty-transport-native-unix-common)
classpath=${classpath%:}

echo "== generating from protos/ and compiling"
./generate.sh
rm -rf target/classes target/test-classes target/test-reports
mkdir -p target/classes target/test-classes
javac -nowarn -encoding UTF-8 --release 17 -d target/classes -cp "$classpath" \
  $(find target/generated-sources src/main/java -name '*.java') 2>&1 | grep -v '^Note:' || true
[[ -f target/classes/enterprisehub/client/HubClient.class ]] || { echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - EnterpriseHub.Client (Java): compilation failed"; exit 1; }
javac -nowarn -encoding UTF-8 --release 17 -d target/test-classes -cp "$classpath:target/classes:$J/junit-platform-console-standalone.jar" \
  $(find src/test/java -name '*.java') 2>&1 | grep -v '^Note:' || true
[[ -f target/test-classes/enterprisehub/client/ConformanceTest.class ]] || { echo "Failed!  - Failed:     1, Passed:     0, Skipped:     0, Total:     1 - EnterpriseHub.Client (Java): test compilation failed"; exit 1; }

echo "== JUnit 5"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
java -Denterprisehub.root="$root" -jar "$J/junit-platform-console-standalone.jar" \
  -cp "$classpath:target/classes:target/test-classes" --select-package enterprisehub.client \
  --details=tree --disable-banner --disable-ansi-colors --reports-dir=target/test-reports 2>&1 | tee "$log"
set -e
count() { sed -n "s/^\[ *\([0-9]*\) tests $1 *\]$/\1/p" "$log" | head -1; }
found=$(count found); ok=$(count successful); skipped=$(count skipped)
found=${found:-0}; ok=${ok:-0}; skipped=${skipped:-0}
failed=$((found - ok - skipped))
if ((found == 0)); then failed=1; found=1; fi
word='Passed!'; ((failed == 0)) || word='Failed!'
printf '%s  - Failed: %5d, Passed: %5d, Skipped: %5d, Total: %5d - EnterpriseHub.Client (Java)\n' "$word" "$failed" "$ok" "$skipped" "$found"
((failed == 0))
