#!/usr/bin/env bash
# Part of `make bench`: the operator dashboard (1,000 establishments per page
# with base, publication and diagnostics) with 10,000 establishments and
# 3,000 bases in the database, on SQLite and on PostgreSQL. wrk with one
# connection (one operator loading the dashboard: the latency the 50 ms p99
# budget is about), then two (two at once, on this 2-core machine where wrk
# and the database share the cores). Expects the release binary to be built.
#
# With RELAIS_BENCH_BASELINE_BIN (a `relais` built from another commit, e.g.
# main), the same runs are made with it, in the same conditions, and the
# table shows figure, baseline and ratio side by side (issue 20). The table
# and the machine's load (`uptime`) go to bench/results/dashboard.txt
# (scripts/performance-figures.py puts it in docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-40s}
current_bin=${RELAIS_BENCH_BIN:-${CARGO_TARGET_DIR:-target}/release/relais}
baseline_bin=${RELAIS_BENCH_BASELINE_BIN:-}
pg_url=${RELAIS_BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
results=$(mktemp)
trap 'rm -f "$results"' EXIT

one() { # label, database url ('' for embedded SQLite), binary, build label
  local label=$1 db=$2 bin=$3 build=$4 work port pid token
  work=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  (
    export RELAIS_DATA_DIR=$work RELAIS_HTTP__PORT=$port RELAIS_LOG__LEVEL=warn RELAIS_JOBS__ENABLED=false
    [ -n "$db" ] && export RELAIS_DATABASE__URL=$db
    export RELAIS_BOOTSTRAP__ADMIN_EMAIL=admin@bench.test RELAIS_BOOTSTRAP__ADMIN_PASSWORD=bench-admin-password
    export RELAIS_NEW_USER_PASSWORD=bench-operator-password
    "$bin" admin create-tenant --slug bench --name "Opérateur de mesure" \
      --contact-email contact@bench.test --helpdesk-email assistance@bench.test >/dev/null
    "$bin" admin create-user --email operateur@bench.test --name "Opératrice" \
      --role OPERATOR_ADMIN --tenant bench >/dev/null
    exec "$bin" serve >"$work/server.log" 2>&1
  ) &
  pid=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  local login='{"query":"mutation { login(email: \"operateur@bench.test\", password: \"bench-operator-password\") { accessToken } }"}'
  token=$(curl -fs -H 'Content-Type: application/json' -d "$login" "http://127.0.0.1:$port/graphql" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["login"]["accessToken"])')
  python3 bench/seed_region.py "http://127.0.0.1:$port/graphql" "$token"
  for connections in 1 2; do
    RELAIS_BENCH_TOKEN=$token wrk -t1 -c$connections -d"$DURATION" --latency -s bench/dashboard.lua \
      "http://127.0.0.1:$port/graphql" >"$work/wrk-$connections.txt"
    if grep -q 'Non-2xx' "$work/wrk-$connections.txt"; then cat "$work/wrk-$connections.txt" >&2; exit 1; fi
  done
  RELAIS_BENCH_TOKEN=$token curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    --data-binary "$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" bench/dashboard.lua)" "http://127.0.0.1:$port/graphql" \
    | python3 -c 'import json,sys; rows=json.load(sys.stdin)["data"]["dashboard"]["rows"]; assert len(rows)==1000, len(rows)'
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo "$build $label $work/wrk-1.txt 1 $(cut -d, -f3- <<<"$(uptime)" | tr -d ' ')" >>"$results"
  echo "$build $label $work/wrk-2.txt 2 $(cut -d, -f3- <<<"$(uptime)" | tr -d ' ')" >>"$results"
}

both() { # binary, build label
  one SQLite "" "$1" "$2"
  if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
    db=relais_bench_$$
    psql "$pg_url/postgres" -qc "CREATE DATABASE $db" >/dev/null
    one PostgreSQL "$pg_url/$db" "$1" "$2"
    psql "$pg_url/postgres" -qc "DROP DATABASE $db" >/dev/null
  else
    echo "bench: no PostgreSQL at 127.0.0.1:5432, dashboard measured on SQLite only" >&2
  fi
}
both "$current_bin" now
[ -n "$baseline_bin" ] && both "$baseline_bin" baseline

mkdir -p bench/results
python3 - "$results" "$DURATION" <<'PY' | tee bench/results/dashboard.txt
import re, sys
results, duration = sys.argv[1:]
def ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
runs = {}
for line in open(results):
    build, label, path, connections, load = line.split()
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
    runs[(build, label, connections)] = (rps, requests, p50, p99, load)
print(f"Operator dashboard, 1,000 rows per page, 10,000 establishments / 3,000 bases — wrk, {duration} per line")
print("budget p99: 50 ms with one connection, 80 ms with two; load = uptime's 1/5/15-minute averages at the end of the line\n")
print(f"{'database':11} {'conn.':>5} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'main p99':>8} {'ratio':>6}  {'budget':8} load")
for (build, label, connections), (rps, requests, p50, p99, load) in runs.items():
    if build != "now":
        continue
    base = runs.get(("baseline", label, connections))
    budget = 50 if connections == "1" else 80
    verdict = "met" if p99 <= budget else "NOT met"
    base_text = f"{base[3]:8.2f}" if base else f"{'-':>8}"
    ratio = f"{p99 / base[3]:6.2f}" if base else f"{'-':>6}"
    print(f"{label:11} {connections:>5} {requests:>8} {rps:>7.1f} {p50:>7.2f} {p99:>7.2f} {base_text} {ratio}  {verdict:8} {load}")
PY
cut -d" " -f3 "$results" | xargs -r -n1 dirname | sort -u | xargs -r rm -rf
