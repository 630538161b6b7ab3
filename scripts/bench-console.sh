#!/usr/bin/env bash
# The console's figures (issue 15): sign-in page JavaScript (gzip) and the
# base page interactive p95 over 20 loads in Debian's Chromium against the
# release `relais serve --demo` (frontend/e2e/bench.mjs), then the long
# tasks while scrolling the users table of a lycée of 3,000 pupils, seeded
# with the files the `lycee_export` example of relais-formats writes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
make -s console
cargo build --release --locked -q -p relais-server --bin relais
cargo build --release --locked -q -p relais-formats --example lycee_export
cd frontend
LYCEE_EXPORT_BIN="${CARGO_TARGET_DIR:-$root/target}/release/examples/lycee_export" \
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node e2e/bench.mjs
# The regional dashboard with 10,000 establishments (issue 17).
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node e2e/bench-region.mjs
# A change seen by another open console, live and with the socket refused
# (issue 17).
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node e2e/bench-live.mjs
