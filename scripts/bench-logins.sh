#!/usr/bin/env bash
# Part of `make bench` (issue 13, item 4): a release `relais serve` with its
# default hashing limits under bursts of 200 logins (login_burst_bench):
# answers, p50/p99, RSS idle / peak / 5 s after, on embedded SQLite, then
# on a fresh PostgreSQL database when one answers at 127.0.0.1:5432.
# LOGIN_BURST changes the burst size.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build -q --release --locked -p relais-server --bin relais --example login_burst_bench
target=${CARGO_TARGET_DIR:-target}/release
pg=${RELAIS_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}

one() { # label, database url ('' for embedded SQLite)
  local label=$1 db=$2 work port pid status=0
  work=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  (
    export RELAIS_DATA_DIR=$work RELAIS_HTTP__PORT=$port RELAIS_LOG__LEVEL=error RELAIS_JOBS__ENABLED=false
    [ -n "$db" ] && export RELAIS_DATABASE__URL=$db
    # One address sends every login of the benchmark.
    export RELAIS_AUTH__LOGIN_ATTEMPTS_PER_ADDRESS=100000
    export RELAIS_BOOTSTRAP__ADMIN_EMAIL=admin@bench.test RELAIS_BOOTSTRAP__ADMIN_PASSWORD=bench-admin-password
    exec "$target/relais" serve >"$work/server.log" 2>&1
  ) &
  pid=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  "$target/examples/login_burst_bench" "http://127.0.0.1:$port" "$pid" admin@bench.test bench-admin-password "$label" || status=$?
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
  return "$status"
}

one SQLite ''
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  database=relais_bench_logins_$$
  psql "$pg/postgres" -qc "CREATE DATABASE $database" >/dev/null
  one PostgreSQL "$pg/$database" || true
  psql "$pg/postgres" -qc "DROP DATABASE $database" >/dev/null
else
  echo "bench-logins: no PostgreSQL at 127.0.0.1:5432, PostgreSQL half skipped" >&2
fi
