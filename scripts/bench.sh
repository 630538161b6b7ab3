#!/usr/bin/env bash
# make bench: requests/s and p50/p99 latency of /healthz (the baseline) and of
# an authenticated `{ me { id tenant { name } } }` GraphQL query, under the
# same loopback load from wrk, and their ratio. Release build, embedded SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-1}

if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk from Debian" >&2
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }

cargo build --release --locked -p relais-server --bin relais
bin=${CARGO_TARGET_DIR:-target}/release/relais

work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export RELAIS_DATA_DIR=$work RELAIS_HTTP__PORT=$port RELAIS_LOG__LEVEL=warn RELAIS_JOBS__ENABLED=false
export RELAIS_BOOTSTRAP__ADMIN_EMAIL=admin@bench.test RELAIS_BOOTSTRAP__ADMIN_PASSWORD=bench-admin-password
export RELAIS_NEW_USER_PASSWORD=bench-operator-password
"$bin" admin create-tenant --slug bench --name "Opérateur de mesure" \
  --contact-email contact@bench.test --helpdesk-email assistance@bench.test >/dev/null
"$bin" admin create-user --email operateur@bench.test --name "Opératrice" \
  --role OPERATOR_ADMIN --tenant bench >/dev/null

"$bin" serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

login='{"query":"mutation { login(email: \"operateur@bench.test\", password: \"bench-operator-password\") { accessToken } }"}'
RELAIS_BENCH_TOKEN=$(curl -fs -H 'Content-Type: application/json' -d "$login" "http://127.0.0.1:$port/graphql" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["login"]["accessToken"])')
export RELAIS_BENCH_TOKEN
check=$(curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $RELAIS_BENCH_TOKEN" \
  -d '{"query":"{ me { id tenant { name } } }"}' "http://127.0.0.1:$port/graphql")
echo "$check" | grep -q '"Opérateur de mesure"' || { echo "bench: the query does not answer as expected: $check" >&2; exit 1; }

run() { # name, extra wrk args…
  local name=$1; shift
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$work/$name.txt"
  if grep -q 'Non-2xx' "$work/$name.txt"; then
    echo "bench: $name got non-2xx answers" >&2; cat "$work/$name.txt" >&2; exit 1
  fi
}
run healthz "http://127.0.0.1:$port/healthz"
run graphql -s bench/graphql-me.lua "http://127.0.0.1:$port/graphql"

# CSV import of 10,000 establishments (issue 3): dry run, then commit.
python3 - "$work" <<'PY'
import base64, json, sys
letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
kinds = ["Collège", "Lycée", "Lycée professionnel", "EREA"]
lines = ["Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_postal;Nom_commune;Libelle_academie;Etat"]
for i in range(10_000):
    digits = f"{410000 + i:07d}"
    uai = digits + letters[int(digits) % 23]
    lines.append(f"{uai};Établissement de mesure {i};{kinds[i % 4]};41000;Blois;Orléans-Tours;OUVERT")
content = base64.b64encode(("\n".join(lines) + "\n").encode()).decode()
query = "mutation($i: ImportEstablishmentsInput!) { importEstablishments(input: $i) { created unchanged rejected } }"
for mode in ("dry", "commit"):
    body = {"query": query, "variables": {"i": {"contentBase64": content, "commit": mode == "commit"}}}
    open(f"{sys.argv[1]}/import-{mode}.json", "w").write(json.dumps(body))
PY
import_time() { # mode → seconds
  local out
  out=$(curl -fs -o "$work/import-$1.out" -w '%{time_total}' -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $RELAIS_BENCH_TOKEN" --data-binary "@$work/import-$1.json" "http://127.0.0.1:$port/graphql")
  grep -q '"created":10000' "$work/import-$1.out" || { echo "bench: import $1 failed: $(head -c 300 "$work/import-$1.out")" >&2; exit 1; }
  echo "$out"
}
import_dry=$(import_time dry)
import_commit=$(import_time commit)

python3 - "$work" "$DURATION" "$CONNECTIONS" "$import_dry" "$import_commit" <<'PY'
import re, sys
work, duration, connections, import_dry, import_commit = sys.argv[1:]
def ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
def parse(name):
    text = open(f"{work}/{name}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
    return rps, p50, p99
h, g = parse("healthz"), parse("graphql")
print(f"\nRelais benchmark — wrk, {connections} connections, {duration} each, loopback, release build, SQLite\n")
print(f"{'':38} {'req/s':>10} {'p50 ms':>8} {'p99 ms':>8}")
print(f"{'GET /healthz (baseline)':38} {h[0]:>10.0f} {h[1]:>8.2f} {h[2]:>8.2f}")
print(f"{'POST /graphql { me { id tenant { name } } }':38} {g[0]:>10.0f} {g[1]:>8.2f} {g[2]:>8.2f}")
ratio = g[0] / h[0]
print(f"\nthroughput ratio graphql / healthz: {ratio:.1%} (goal: at least 25%) — {'met' if ratio >= 0.25 else 'NOT met'}")
total = float(import_dry) + float(import_commit)
print(f"\nCSV import of 10,000 establishments over HTTP (GraphQL, base64):")
print(f"  dry run {float(import_dry):.3f} s + commit {float(import_commit):.3f} s = {total:.3f} s; budget 2 s → {total / 2:.0%} of it — {'met' if total <= 2 else 'NOT met'}")
PY
scripts/bench-dashboard.sh
# Resident memory before and after a 10,000-line CSV import (issue 20).
scripts/bench-import-memory.sh

# Models feed (issue 4): parse + validate 1,000 ENT models, diff two versions.
cargo run -q --release --locked -p relais-formats --example models_feed_bench

# Models refresh (issue 4): 50 changed models used by 1,000 and 10,000 bases,
# on a fresh PostgreSQL database (and on SQLite for comparison).
if (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  db=relais_bench_refresh_$$
  psql postgres://postgres@127.0.0.1:5432/postgres -qc "CREATE DATABASE $db" >/dev/null
  cargo run -q --release --locked -p relais-server --features test-support --example models_refresh_bench -- "postgres://postgres@127.0.0.1:5432/$db"
  psql postgres://postgres@127.0.0.1:5432/postgres -qc "DROP DATABASE $db" >/dev/null
fi
sqlite_dir=$(mktemp -d)
cargo run -q --release --locked -p relais-server --features test-support --example models_refresh_bench -- "sqlite://$sqlite_dir/bench.db?mode=rwc"
rm -rf "$sqlite_dir"

# Encrypted exports (issue 5): build + seal file A for a lycée of 2,000
# pupils and 4,000 guardians; encryption vs openssl, encrypt+store vs plain
# store (local directory and Garage), peak memory at 1 and 4 GiB.
cargo run -q --release --locked -p relais-formats --example account_matching_bench
scripts/bench-storage.sh

# Mail outbox (issue 6): 10,000 messages to a local MailDev, with and without
# the SMTP connection pool.
scripts/bench-mail.sh

# Account matching (issue 7): Relais' engine against Splink (DuckDB) and
# Python recordlinkage on the same synthetic data (lycée, 100,000, region);
# MATCHING_BENCH_COUNTRY=1 adds the national scale for Relais alone.
scripts/bench-matching.sh
# Re-matching one lycée through the product (GraphQL startMatching).
scripts/bench-matching-api.sh

# Live CAS checks (issue 8): one testCasSettings and one validateModel against
# a local django-cas-server.
scripts/bench-cas.sh

# The web console (issue 15): sign-in page JavaScript (gzip) and the base
# page interactive p95 over 20 loads in Chromium.
scripts/bench-console.sh

# Hardening (issue 13): 200 clients × 60 s of mixed traffic, /healthz under a
# fragment flood, tenant isolation under an expensive flood, on SQLite and
# PostgreSQL.
scripts/bench-soak.sh

# Accounts (issue 13, item 4): bursts of 200 logins — answers, login p99,
# RSS before / peak / after — on SQLite and PostgreSQL.
scripts/bench-logins.sh
