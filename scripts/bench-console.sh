#!/usr/bin/env bash
# The console's figures (issue 15): sign-in page JavaScript (gzip) and the
# base page interactive p95 over 20 loads in Debian's Chromium against the
# release `relais serve --demo` (frontend/e2e/bench.mjs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
make -s console
cargo build --release --locked -q -p relais-server --bin relais
cd frontend
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 node e2e/bench.mjs
