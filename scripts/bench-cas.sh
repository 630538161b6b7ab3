#!/usr/bin/env bash
# Wall time of one testCasSettings and one validateModel against a local
# django-cas-server (docs/performance.md, issue 8): 11 runs each through the
# whole API (SQLite, debug build of the test binary), median printed.
# Needs the venv of scripts/ensure-test-tools.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked -p relais-tests --test api cas_checks::bench_cas_checks -- --ignored --nocapture 2>&1 \
  | grep -E '^BENCH|SKIPPED|test result'
