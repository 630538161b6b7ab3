#!/usr/bin/env bash
# Re-matching one lycée (≈1,400 ENT accounts) through the product, issue 7:
# `startMatching` over GraphQL reads the base's rows, runs the engine and
# stores the proposals; p50/p99 of 51 runs on SQLite, then PostgreSQL (an
# ignored test of tests/api/matching.rs, release build).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --release --locked -p relais-tests --test api matching::bench_rematching_one_establishment -- --ignored --nocapture 2>&1 \
  | grep -E '^BENCH|SKIPPED|test result'
