#!/usr/bin/env bash
# make bench-guard (issue 20): the instruction counts of the hot paths under
# valgrind --tool=callgrind, compared with the committed baseline
# (bench/guard-baseline.txt). Fails when a count grows by more than
# BENCH_GUARD_TOLERANCE percent (10) and prints old and new counts; a
# change that makes a path dearer on purpose updates the baseline in the
# same commit: `BENCH_GUARD_UPDATE=1 make bench-guard`.
#
# Instruction counts, not times: they do not drift with the machine's load
# (a few per cent between runs: hash seeds, random keys and UUIDs, thread
# interleavings). Release build.
#
# Server scenarios: a Relais on SQLite is seeded natively with the region of
# the dashboard bench (10,000 establishments, 3,000 bases), then restarted
# under callgrind with instrumentation off; each scenario warms up, switches
# instrumentation on, zeroes the counters, runs its requests, dumps and
# switches off (callgrind_control). Every thread of the server counts,
# SQLite's worker included. The count is per request.
# The models refresh over 10,000 bases runs models_refresh_bench the same
# way (instrumentation switched on around the install only).
# Pure scenarios (the models feed parse, sealing file A, the matching
# engine) run their bench binaries under callgrind, counting only inside the
# measured function (--toggle-collect).
set -euo pipefail
cd "$(dirname "$0")/.."

TOLERANCE=${BENCH_GUARD_TOLERANCE:-10}
baseline=bench/guard-baseline.txt
results=${BENCH_GUARD_RESULTS:-bench/results/guard.txt}
target=${CARGO_TARGET_DIR:-target}

command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }

if [ -z "${BENCH_GUARD_NO_BUILD:-}" ]; then
  cargo build -q --release --locked -p relais-server --bin relais
  cargo build -q --release --locked -p relais-server --features test-support --example models_refresh_bench
  cargo build -q --release --locked -p relais-formats --example models_feed_bench --example account_matching_bench
  cargo build -q --release --locked -p relais-matching --bin relais-matching-bench
fi
# `--build-only`: what CI starts in the background beside `make test`.
[ "${1:-}" = "--build-only" ] && exit 0
# RELAIS_GUARD_BIN measures another `relais` (e.g. main's, for a before/after).
bin=${RELAIS_GUARD_BIN:-$target/release/relais}

started_at=$(date +%s)
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
counts=$work/counts.txt
: >"$counts"

# The total instructions of a callgrind output file.
total_of() { sed -n 's/^totals: *\([0-9]*\).*/\1/p; s/^summary: *\([0-9]*\).*/\1/p' "$1" | tail -1; }

# --- Server scenarios -------------------------------------------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export RELAIS_DATA_DIR=$work/data RELAIS_HTTP__PORT=$port RELAIS_LOG__LEVEL=warn RELAIS_JOBS__ENABLED=false
export RELAIS_BOOTSTRAP__ADMIN_EMAIL=admin@bench.test RELAIS_BOOTSTRAP__ADMIN_PASSWORD=bench-admin-password
export RELAIS_NEW_USER_PASSWORD=bench-operator-password
# `relais` re-executes itself to set it unless it is set (src/main.rs):
# set here, so that callgrind keeps the process it started.
export MALLOC_ARENA_MAX=1
mkdir -p "$RELAIS_DATA_DIR"
"$bin" admin create-tenant --slug bench --name "Opérateur de mesure" \
  --contact-email contact@bench.test --helpdesk-email assistance@bench.test >/dev/null
"$bin" admin create-user --email operateur@bench.test --name "Opératrice" \
  --role OPERATOR_ADMIN --tenant bench >/dev/null
url=http://127.0.0.1:$port/graphql

wait_ready() {
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "bench-guard: the server did not start" >&2
  cat "$work/server.log" >&2
  exit 1
}
login() {
  curl -fs -H 'Content-Type: application/json' \
    -d '{"query":"mutation { login(email: \"operateur@bench.test\", password: \"bench-operator-password\") { accessToken } }"}' \
    "$url" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["login"]["accessToken"])'
}

"$bin" serve >"$work/server.log" 2>&1 &
server_pid=$!
wait_ready
token=$(login)
python3 bench/seed_region.py "$url" "$token"
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true

valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$work/server.cg.%p" \
  "$bin" serve >"$work/server.log" 2>&1 &
server_pid=$!
wait_ready
token=$(login)

post() { # file with the request body → fails unless the answer has no error
  curl -fs -o "$work/answer.json" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    --data-binary "@$1" "$url"
  if ! python3 -c 'import json,sys; sys.exit("errors" in json.load(open(sys.argv[1])))' "$work/answer.json"; then
    echo "bench-guard: $(head -c 400 "$work/answer.json")" >&2
    exit 1
  fi
}

# measure NAME REQUESTS BODY_FILE [WARMUP_BODY_FILE]: instructions per request.
measure() {
  local name=$1 n=$2 body=$3 warmup=${4:-$3} before dump
  post "$warmup"
  callgrind_control -i on "$server_pid" >/dev/null 2>&1
  callgrind_control -z "$server_pid" >/dev/null 2>&1
  for _ in $(seq 1 "$n"); do post "$body"; done
  before=$(ls "$work"/server.cg.* | wc -l)
  callgrind_control -d "$name" "$server_pid" >/dev/null 2>&1
  callgrind_control -i off "$server_pid" >/dev/null 2>&1
  dump=$(ls -t "$work"/server.cg.* | head -1)
  [ "$(ls "$work"/server.cg.* | wc -l)" -gt "$before" ] || { echo "bench-guard: no dump for $name" >&2; exit 1; }
  echo "$name $(($(total_of "$dump") / n))" | tee -a "$counts"
}

printf '%s' '{"query":"{ dashboard(first: 1000) { hasNextPage rows { uai name kindLabel groupUai schoolYear publication diagnosticsCount errors model modelStatus } } }"}' >"$work/dashboard.json"
printf '%s' '{"query":"{ me { id tenant { name } } }"}' >"$work/me.json"
python3 - "$work" <<'PY'
import base64, json, sys
letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
lines = ["Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_postal;Nom_commune;Libelle_academie;Etat"]
for i in range(10_000):
    digits = f"{610000 + i:07d}"
    lines.append(f"{digits}{letters[int(digits) % 23]};Établissement importé {i};Lycée;41000;Blois;Orléans-Tours;OUVERT")
content = base64.b64encode(("\n".join(lines) + "\n").encode()).decode()
query = "mutation($i: ImportEstablishmentsInput!) { importEstablishments(input: $i) { created } }"
for mode in ("dry", "commit"):
    body = {"query": query, "variables": {"i": {"contentBase64": content, "commit": mode == "commit"}}}
    open(f"{sys.argv[1]}/import-{mode}.json", "w").write(json.dumps(body))
PY

measure dashboard_1000_of_10k 3 "$work/dashboard.json"
measure me 50 "$work/me.json"
# The import last: it adds 10,000 establishments.
measure csv_import_10k_lines 1 "$work/import-commit.json" "$work/import-dry.json"
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=

# --- The models refresh over 10,000 bases -----------------------------------
# models_refresh_bench (issue 4) seeds a SQLite database natively
# (instrumentation off): a tenant's 1,000 models, 10,000 bases each having
# applied one of 50 of them; then it installs a new version of the list in
# which those 50 changed (`ModelRepo::install`: diff, revisions, pending
# updates for every base, audit), between two handshakes on its standard
# input. Every thread counts, SQLite's workers included.
refresh() {
  local name=models_refresh_10k_bases pid dump before
  mkfifo "$work/refresh.in"
  MODELS_REFRESH_BENCH_HANDSHAKE=1 valgrind --tool=callgrind --instr-atstart=no \
    --callgrind-out-file="$work/refresh.cg.%p" \
    "$target/release/examples/models_refresh_bench" "sqlite://$work/refresh.db?mode=rwc" 10000 \
    <"$work/refresh.in" >"$work/refresh.out" 2>"$work/refresh.err" &
  pid=$!
  exec 3>"$work/refresh.in"
  wait_for() {
    for _ in $(seq 1 1800); do
      grep -qx "$1" "$work/refresh.out" && return 0
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    echo "bench-guard: models_refresh_bench did not say $1" >&2
    cat "$work/refresh.out" "$work/refresh.err" >&2
    exit 1
  }
  wait_for READY
  callgrind_control -i on "$pid" >/dev/null 2>&1
  callgrind_control -z "$pid" >/dev/null 2>&1
  echo >&3
  wait_for DONE
  before=$(ls "$work"/refresh.cg.* 2>/dev/null | wc -l)
  callgrind_control -d "$name" "$pid" >/dev/null 2>&1
  callgrind_control -i off "$pid" >/dev/null 2>&1
  dump=$(ls -t "$work"/refresh.cg.* | head -1)
  [ "$(ls "$work"/refresh.cg.* | wc -l)" -gt "$before" ] || { echo "bench-guard: no dump for $name" >&2; exit 1; }
  echo >&3
  exec 3>&-
  wait "$pid" || { echo "bench-guard: models_refresh_bench failed" >&2; cat "$work/refresh.err" >&2; exit 1; }
  echo "$name $(total_of "$dump")" | tee -a "$counts"
}
refresh

# --- Pure scenarios ---------------------------------------------------------
pure() { # name function-pattern command…
  local name=$1 function=$2 out=$work/$1.cg
  shift 2
  # The bench binaries exit 1 when they miss their wall-clock goals, which
  # they do under valgrind: their status is not the guard's.
  valgrind --tool=callgrind --callgrind-out-file="$out" --collect-atstart=no \
    --toggle-collect="$function" "$@" >/dev/null 2>"$work/$name.err" || true
  local count
  count=$(total_of "$out" 2>/dev/null || true)
  if [ -z "$count" ] || [ "$count" -lt 1000 ]; then
    echo "bench-guard: $name counted nothing (is '$function' still a function?)" >&2
    cat "$work/$name.err" >&2
    exit 1
  fi
  echo "$name $count" | tee -a "$counts"
}
# One repetition each: the count inside the measured function only.
pure models_feed_parse_1000_models 'relais_formats::models_feed::parse' \
  "$target/release/examples/models_feed_bench" 1
pure seal_file_a_lycee 'relais_formats::index_education::import_chiffre::seal_import_chiffre' \
  "$target/release/examples/account_matching_bench" 1
pure matching_engine_lycee 'relais_matching::match_records' \
  "$target/release/relais-matching-bench" run --scale lycee --seed 1 --threads 1

elapsed=$(($(date +%s) - started_at))

# --- Compare ---------------------------------------------------------------
mkdir -p "$(dirname "$results")"
python3 - "$baseline" "$counts" "$results" "$TOLERANCE" "${BENCH_GUARD_UPDATE:-}" "$elapsed" <<'PY'
import sys, datetime
baseline_path, counts_path, results_path, tolerance, update, elapsed = sys.argv[1:]
tolerance = float(tolerance)
def read(path):
    out = {}
    try:
        for line in open(path):
            line = line.split("#", 1)[0].split()
            if len(line) == 2:
                out[line[0]] = int(line[1])
    except FileNotFoundError:
        pass
    return out
old, new = read(baseline_path), read(counts_path)
rows, failed = [], []
print(f"\nInstruction counts (valgrind --tool=callgrind), tolerance +{tolerance:.0f} %\n")
print(f"{'scenario':32} {'baseline':>15} {'now':>15} {'ratio':>7}")
for name, count in new.items():
    before = old.get(name)
    ratio = count / before if before else None
    verdict = ""
    if before is None:
        verdict = "new"
    elif ratio > 1 + tolerance / 100:
        verdict = "REGRESSION"
        failed.append(name)
    elif ratio < 1 - tolerance / 100:
        verdict = "cheaper: update the baseline"
    ratio_text = f"{ratio:.3f}" if ratio else "-"
    before_text = f"{before:,}" if before else "-"
    print(f"{name:32} {before_text:>15} {count:>15,} {ratio_text:>7} {verdict}")
    rows.append((name, before, count, ratio_text))
with open(results_path, "w") as f:
    f.write(f"# make bench-guard, {datetime.date.today()}, {elapsed} s: scenario baseline now ratio\n")
    for name, before, count, ratio_text in rows:
        f.write(f"{name} {before or '-'} {count} {ratio_text}\n")
print(f"\nbench-guard took {elapsed} s")
if update:
    with open(baseline_path, "w") as f:
        f.write("# Instruction counts of the hot paths (scripts/bench-guard.sh): make bench-guard\n")
        f.write("# fails when one grows by more than 10 %. Update with BENCH_GUARD_UPDATE=1.\n")
        for name, count in new.items():
            f.write(f"{name} {count}\n")
    print(f"baseline updated: {baseline_path}")
elif failed:
    print(f"\nbench-guard: {', '.join(failed)} grew by more than {tolerance:.0f} %: find out why, "
          f"or update {baseline_path} in the same change (BENCH_GUARD_UPDATE=1 make bench-guard)",
          file=sys.stderr)
    sys.exit(1)
elif set(old) - set(new):
    print(f"bench-guard: scenarios gone from the run: {sorted(set(old) - set(new))}", file=sys.stderr)
    sys.exit(1)
PY
