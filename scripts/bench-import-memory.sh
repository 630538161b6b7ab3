#!/usr/bin/env bash
# Issue 20: the server's resident memory before and after a CSV import of
# 10,000 establishments (0.8 MB, dry run then commit, over HTTP, SQLite).
# Goal: 5 s after the import, RSS within 10 MB of its value before.
# With RELAIS_BENCH_BASELINE_BIN the same is measured with that binary
# (e.g. main's) and shown beside. Writes bench/results/import-memory.txt.
# Expects the release binary to be built.
set -euo pipefail
cd "$(dirname "$0")/.."

current_bin=${RELAIS_BENCH_BIN:-${CARGO_TARGET_DIR:-target}/release/relais}
baseline_bin=${RELAIS_BENCH_BASELINE_BIN:-}
results=$(mktemp)
trap 'rm -f "$results"' EXIT

rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

one() { # binary, build label
  local bin=$1 build=$2 work port pid token before after peak
  work=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  export RELAIS_DATA_DIR=$work RELAIS_HTTP__PORT=$port RELAIS_LOG__LEVEL=warn RELAIS_JOBS__ENABLED=false
  export RELAIS_BOOTSTRAP__ADMIN_EMAIL=admin@bench.test RELAIS_BOOTSTRAP__ADMIN_PASSWORD=bench-admin-password
  export RELAIS_NEW_USER_PASSWORD=bench-operator-password
  "$bin" admin create-tenant --slug bench --name "Opérateur de mesure" \
    --contact-email contact@bench.test --helpdesk-email assistance@bench.test >/dev/null
  "$bin" admin create-user --email operateur@bench.test --name "Opératrice" \
    --role OPERATOR_ADMIN --tenant bench >/dev/null
  "$bin" serve >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  local url=http://127.0.0.1:$port/graphql
  token=$(curl -fs -H 'Content-Type: application/json' \
    -d '{"query":"mutation { login(email: \"operateur@bench.test\", password: \"bench-operator-password\") { accessToken } }"}' \
    "$url" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["login"]["accessToken"])')
  python3 - "$work" <<'PY'
import base64, json, sys
letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
def body(first, count, commit):
    lines = ["Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_postal;Nom_commune;Libelle_academie;Etat"]
    for i in range(first, first + count):
        digits = f"{410000 + i:07d}"
        lines.append(f"{digits}{letters[int(digits) % 23]};Établissement de mesure {i};Collège;41000;Blois;Orléans-Tours;OUVERT")
    content = base64.b64encode(("\n".join(lines) + "\n").encode()).decode()
    query = "mutation($i: ImportEstablishmentsInput!) { importEstablishments(input: $i) { created } }"
    return json.dumps({"query": query, "variables": {"i": {"contentBase64": content, "commit": commit}}})
open(f"{sys.argv[1]}/warm.json", "w").write(body(20_000, 100, True))
open(f"{sys.argv[1]}/dry.json", "w").write(body(0, 10_000, False))
open(f"{sys.argv[1]}/commit.json", "w").write(body(0, 10_000, True))
PY
  post() { curl -fs -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $token" --data-binary "@$work/$1.json" "$url"; }
  # Warm: every code path of the import once, on a small file.
  post warm
  for _ in 1 2 3; do
    curl -fs -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
      -d '{"query":"{ me { id } }"}' "$url"
  done
  sleep 2
  before=$(rss_mb "$pid")
  post dry
  post commit
  peak=$(awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")
  sleep 5
  after=$(rss_mb "$pid")
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
  echo "$build $before $peak $after" >>"$results"
}

one "$current_bin" now
[ -n "$baseline_bin" ] && one "$baseline_bin" baseline

mkdir -p bench/results
python3 - "$results" <<'PY' | tee bench/results/import-memory.txt
import sys
rows = {line.split()[0]: [float(v) for v in line.split()[1:]] for line in open(sys.argv[1])}
print("RSS of `relais serve` (SQLite) around a 10,000-line CSV import (dry run + commit), MB; goal: after − before ≤ 10 MB\n")
print(f"{'build':9} {'before':>7} {'peak':>7} {'5 s after':>9} {'after − before':>14}  goal")
for build in ("now", "baseline"):
    if build in rows:
        before, peak, after = rows[build]
        label = "this" if build == "now" else "main"
        verdict = "met" if after - before <= 10 else "NOT met"
        print(f"{label:9} {before:>7.1f} {peak:>7.1f} {after:>9.1f} {after - before:>+14.1f}  {verdict}")
PY
