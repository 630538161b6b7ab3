#!/usr/bin/env bash
# Part of `make bench` (issue 13, item 4): a release `relais serve` with its
# default hashing limits under bursts of 200 logins (login_burst_bench):
# answers, p50/p99, RSS idle / peak / 5 s after, on embedded SQLite, then
# on a fresh PostgreSQL database when one answers at 127.0.0.1:5432.
# LOGIN_BURST changes the burst size.
# Then (issue 18) what the login limits' counters cost per login when the
# replicas share them through PostgreSQL (login_limiter_bench).
set -euo pipefail
cd "$(dirname "$0")/.."
"$(dirname "$0")/bench-with-server.sh" login_burst_bench logins
pg=${RELAIS_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  cargo build -q --release --locked -p relais-server --features test-support --example login_limiter_bench
  "${CARGO_TARGET_DIR:-target}/release/examples/login_limiter_bench" "$pg"
else
  echo "SKIPPED (PostgreSQL absent): the shared login limits' cost"
fi
