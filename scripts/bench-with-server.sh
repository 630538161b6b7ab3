#!/usr/bin/env bash
# Shared by the benchmarks that load a release `relais serve` from outside
# (bench-soak.sh, bench-logins.sh): builds the server and the example
# EXAMPLE, starts the server (default limits except the per-address login
# limit: one address sends every login) on embedded SQLite, runs
# `EXAMPLE URL PID EMAIL PASSWORD LABEL` against it, then the same on a
# fresh PostgreSQL database when one answers at 127.0.0.1:5432.
# Usage: scripts/bench-with-server.sh EXAMPLE NAME (NAME: in messages and
# the temporary database's name).
set -euo pipefail
cd "$(dirname "$0")/.."
example=$1 name=$2

# BENCH_NO_BUILD=1: measure the binaries already built.
[ -n "${BENCH_NO_BUILD:-}" ] || cargo build -q --release --locked -p relais-server --bin relais --example "$example"
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
  "$target/examples/$example" "http://127.0.0.1:$port" "$pid" admin@bench.test bench-admin-password "$label" || status=$?
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
  return "$status"
}

one SQLite ''
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  database=relais_bench_${name//-/_}_$$
  psql "$pg/postgres" -qc "CREATE DATABASE $database" >/dev/null
  one PostgreSQL "$pg/$database" || true
  psql "$pg/postgres" -qc "DROP DATABASE $database" >/dev/null
else
  echo "bench-$name: no PostgreSQL at 127.0.0.1:5432, PostgreSQL half skipped" >&2
fi
