#!/usr/bin/env bash
# The Python SDK's suite: installs what it needs when missing, generates the stubs from protos/,
# runs the unit tests and the conformance scenario against a real hub (clients/testing/hub.sh),
# and prints one line in dotnet test's form. The server must have been built (./test.sh does).
set -euo pipefail
cd "$(dirname "$0")"

# Debian's interpreter: the python3 first on PATH may be another build that cannot see python3-grpcio.
PYTHON=/usr/bin/python3
missing=()
"$PYTHON" -c 'import grpc' 2>/dev/null || missing+=(python3-grpcio)
"$PYTHON" -c 'import google.protobuf' 2>/dev/null || missing+=(python3-protobuf)
"$PYTHON" -c 'import cryptography.hazmat.primitives.asymmetric.ed25519' 2>/dev/null || missing+=(python3-cryptography)
command -v protoc >/dev/null 2>&1 || missing+=(protobuf-compiler)
command -v grpc_python_plugin >/dev/null 2>&1 || missing+=(protobuf-compiler-grpc)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if ((${#missing[@]})); then
  echo "== apt-get install ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -f node_modules/google-proto-files/google/rpc/status.proto || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "== npm ci (google/rpc protos)"
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "== generating the Python stubs from protos/"
"$PYTHON" build_protos.py

echo "== unittest"
exec "$PYTHON" -B tests/run.py
