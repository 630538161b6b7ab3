#!/usr/bin/env bash
# Re-matching one lycée (≈1,400 ENT accounts) through the product, issue 7:
# `startMatching` over GraphQL reads the base's rows, runs the engine and
# stores the proposals; p50/p99 of 1,000 runs (MATCHING_API_RUNS) on SQLite, then PostgreSQL (an
# ignored test of tests/api/matching.rs, release build). The lines are also
# written to bench/results/matching-api.txt (MATCHING_API_RESULTS overrides),
# with the machine's load, for scripts/performance-figures.py.
set -euo pipefail
cd "$(dirname "$0")/.."
results=${MATCHING_API_RESULTS:-bench/results/matching-api.txt}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cargo test --release --locked -p relais-tests --test api matching::bench_rematching_one_establishment -- --ignored --nocapture 2>&1 \
  | grep -E '^BENCH|SKIPPED|test result' | tee "$out"
mkdir -p "$(dirname "$results")"
{
  echo "startMatching for the generator's lycée, release build of the test binary, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "goal p99: 20 ms on SQLite, 40 ms on PostgreSQL"
  echo
  grep '^BENCH' "$out" | sed 's/^BENCH //'
} >"$results"
