#!/usr/bin/env bash
# A real hub for the SDKs' conformance tests: the server built by `dotnet build`, in Development
# (dev PKI written on first start, the demo zone loaded), on a free loopback port, with its store
# and certificates in a folder of its own. Every SDK's tests drive it through this script alone.
#
#   clients/testing/hub.sh start DIR     starts a hub and writes DIR/env (HUB_ADDRESS, HUB_HOST,
#                                        HUB_PORT, HUB_CERTS, HUB_OPERATIONS, HUB_PID); waits until
#                                        /readyz answers 200
#   clients/testing/hub.sh stop DIR      stops it (SIGTERM, no drain) and waits until it has exited
#   clients/testing/hub.sh restart DIR   stop, then start again on the same port and store
#   clients/testing/hub.sh kill DIR      SIGKILL, for tests of a hub that dies mid-call
#
# The server must have been built: `dotnet build EnterpriseHub.slnx` (./test.sh does it first).
# HUB_CONFIGURATION=Release runs the Release build instead; HUB_ARGS adds settings to the hub's
# command line, e.g. HUB_ARGS="--Hub:Quotas:Read:PerSecond=0" (clients/testing/bench-sdks.sh).
set -euo pipefail

action=${1:?usage: hub.sh start|stop|restart|kill DIR}
dir=${2:?the hub folder}
root=$(cd "$(dirname "$0")/../.." && pwd)
server="$root/src/EnterpriseHub.Server/bin/${HUB_CONFIGURATION:-Debug}/net10.0/EnterpriseHub.Server.dll"

free_port() {
  /usr/bin/env python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  [[ -f "$server" ]] || { echo "hub.sh: $server is missing; run 'dotnet build EnterpriseHub.slnx' first" >&2; exit 1; }
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local port operations
  if [[ -f "$dir/env" ]]; then
    # shellcheck source=/dev/null
    source "$dir/env"
    port=$HUB_PORT
    operations=${HUB_OPERATIONS##*:}
  else
    port=$(free_port)
    operations=$(free_port)
  fi

  local extra=()
  read -r -a extra <<<"${HUB_ARGS:-}"
  (cd "$dir" && exec dotnet "$server" \
    --environment=Development \
    "--Hub:Tls:Listen=127.0.0.1:$port" \
    "--Hub:Operations:Listen=127.0.0.1:$operations" \
    --Hub:Operations:DrainSeconds=0 \
    "--Hub:Tls:DevCertificatesFolder=$dir/certs" \
    "--Hub:Tls:CertificatePath=$dir/certs/hub.crt" \
    "--Hub:Tls:KeyPath=$dir/certs/hub.key" \
    "--Hub:Tls:ClientCaPath=$dir/certs/ca.crt" \
    "--Hub:Tls:CrlPaths:0=$dir/certs/ca.crl" \
    --Hub:Storage:Provider=sqlite \
    "--Hub:Storage:Sqlite:DatabasePath=$dir/hub.db" \
    --Hub:Demo:Enabled=true \
    --Hub:Audit:CheckpointSeconds=0.5 \
    --Serilog:MinimumLevel:Default=Warning \
    "${extra[@]}" \
    </dev/null >>"$dir/hub.log" 2>&1) &
  local pid=$!
  cat >"$dir/env" <<ENV
HUB_ADDRESS=https://127.0.0.1:$port
HUB_HOST=127.0.0.1
HUB_PORT=$port
HUB_CERTS=$dir/certs
HUB_OPERATIONS=http://127.0.0.1:$operations
HUB_PID=$pid
ENV
  for _ in $(seq 1 600); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "hub.sh: the hub exited while starting; its log:" >&2
      tail -n 40 "$dir/hub.log" >&2
      exit 1
    fi
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$operations/readyz" 2>/dev/null) == 200 ]]; then
      return 0
    fi
    sleep 0.1
  done
  echo "hub.sh: the hub was not ready within 60 s; its log:" >&2
  tail -n 40 "$dir/hub.log" >&2
  exit 1
}

stop() {
  local signal=$1
  [[ -f "$dir/env" ]] || return 0
  # shellcheck source=/dev/null
  source "$dir/env"
  kill "-$signal" "$HUB_PID" 2>/dev/null || return 0
  for _ in $(seq 1 600); do
    kill -0 "$HUB_PID" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "hub.sh: the hub (pid $HUB_PID) did not exit within 60 s" >&2
  exit 1
}

case "$action" in
  start) start ;;
  stop) stop TERM ;;
  kill) stop KILL ;;
  restart) stop TERM && start ;;
  *) echo "hub.sh: unknown action '$action'" >&2; exit 2 ;;
esac
