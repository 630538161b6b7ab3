#!/usr/bin/env bash
# Part of `make bench` (issue 13, item 4): a release `relais serve` with its
# default hashing limits under bursts of 200 logins (login_burst_bench):
# answers, p50/p99, RSS idle / peak / 5 s after, on embedded SQLite, then
# on a fresh PostgreSQL database when one answers at 127.0.0.1:5432.
# LOGIN_BURST changes the burst size.
set -euo pipefail
exec "$(dirname "$0")/bench-with-server.sh" login_burst_bench logins
