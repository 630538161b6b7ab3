#!/usr/bin/env bash
# Part of `make bench` (issue 13): a release `relais serve` (production
# profile, default limits) loaded from outside by the soak_bench example —
# 200 clients × 60 s of mixed traffic, /healthz under a fragment flood,
# tenant B's latency while tenant A floods expensive requests, the issue's
# alias floods — on embedded SQLite, then on a fresh PostgreSQL database
# when one answers at 127.0.0.1:5432. SOAK_SECONDS / SOAK_CLIENTS change
# the soak.
set -euo pipefail
exec "$(dirname "$0")/bench-with-server.sh" soak_bench soak
