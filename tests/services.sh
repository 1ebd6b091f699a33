#!/usr/bin/env bash
# Private PostgreSQL and Redis servers for one test run, on free loopback ports, in a temporary
# folder. Installs them with apt-get when missing.
#
#   tests/services.sh start DIR    starts both and writes DIR/env (the variables tests read)
#   tests/services.sh stop DIR     stops both and removes DIR
#   tests/services.sh ACTION DIR   redis-stop | redis-start | postgres-stop | postgres-start
#                                  (tests use these to take a service away and bring it back)
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail

action=${1:?usage: services.sh start|stop|redis-stop|redis-start|postgres-stop|postgres-start DIR}
dir=${2:?the services folder}

pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$found" ]] || return 1
  echo "$found"
}

install_missing() {
  local packages=()
  command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
  pg_bin >/dev/null || packages+=(postgresql)
  if ((${#packages[@]} > 0)); then
    echo "== installing ${packages[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  fi
}

free_port() {
  /usr/bin/env python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_start() {
  # shellcheck source=/dev/null
  source "$dir/env"
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w -t 60 start >/dev/null
}

postgres_stop() {
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/pg" -m fast -w -t 60 stop >/dev/null
}

redis_start() {
  # shellcheck source=/dev/null
  source "$dir/env"
  redis-server --bind 127.0.0.1 --port "$HUB_TEST_REDIS_PORT" --save '' --appendonly no \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
  for _ in $(seq 1 100); do
    redis-cli -p "$HUB_TEST_REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  echo "redis-server did not answer on port $HUB_TEST_REDIS_PORT" >&2
  return 1
}

redis_stop() {
  # shellcheck source=/dev/null
  source "$dir/env"
  redis-cli -p "$HUB_TEST_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  for _ in $(seq 1 100); do
    [[ -e "$dir/redis.pid" ]] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null || return 0
    sleep 0.1
  done
}

start() {
  install_missing
  mkdir -p "$dir"
  local pg_port redis_port
  pg_port=$(free_port)
  redis_port=$(free_port)
  cat >"$dir/env" <<EOF
export HUB_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres'
export HUB_TEST_REDIS='127.0.0.1:$redis_port'
export HUB_TEST_REDIS_PORT=$redis_port
export HUB_TEST_SERVICES='$(cd "$(dirname "$0")" && pwd)/services.sh'
export HUB_TEST_SERVICES_DIR='$dir'
EOF

  if [[ $(id -u) -eq 0 ]]; then chown postgres "$dir"; fi
  as_owner "$(pg_bin)/initdb" -D "$dir/pg" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  cat >>"$dir/pg/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 256MB
fsync = on
synchronous_commit = on
EOF
  postgres_start
  redis_start
  echo "== PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"
}

stop() {
  [[ -d "$dir" ]] || return 0
  redis_stop || true
  [[ -f "$dir/pg/postmaster.pid" ]] && { postgres_stop || true; }
  rm -rf "$dir"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  redis-stop) redis_stop ;;
  redis-start) redis_start ;;
  postgres-stop) postgres_stop ;;
  postgres-start) postgres_start ;;
  *) echo "unknown action: $action" >&2; exit 2 ;;
esac
