#!/usr/bin/env bash
# Generates the Java messages and gRPC stubs from the hub's protos/ (and google/rpc from npm's
# google-proto-files) into target/generated-sources/protobuf. Nothing generated is committed:
# pom.xml runs this in generate-sources, and test.sh runs it too.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/target/generated-sources/protobuf"
rpc="$here/node_modules/google-proto-files"
plugin=${GRPC_JAVA_PLUGIN:-/usr/bin/grpc_java_plugin}
[[ -f "$rpc/google/rpc/error_details.proto" ]] || (cd "$here" && npm ci --no-audit --no-fund --silent)
rm -rf "$out" && mkdir -p "$out"
protoc --plugin=protoc-gen-grpc-java="$plugin" \
  -I "$root/protos" -I "$rpc" -I /usr/include \
  --java_out="$out" --grpc-java_out="$out" \
  "$root"/protos/enterprisehub/v1/*.proto \
  "$rpc/google/rpc/status.proto" "$rpc/google/rpc/error_details.proto"
