#!/usr/bin/env bash
# The footprint of one replica for docs/operations.md, "Sizing": memory idle,
# seeded and under load, CPU time per request, PostgreSQL bytes per
# establishment, base and ENT account, size of a stored file. Release build,
# PostgreSQL at RELAIS_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release --locked -p relais-server --bin relais
python3 bench/footprint.py "${CARGO_TARGET_DIR:-target}/release/relais" \
  "${RELAIS_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
