#!/usr/bin/env bash
# Account-matching benchmark (issue 7): Relais' engine against Splink (DuckDB
# backend) and the Python Record Linkage Toolkit, on the same synthetic ENT
# and PRONOTE exports, with the same scoring.
#
# For each size, the Rust bench binary of backend/matching generates the data
# once; Relais (the binary's `link`), bench/matching-python/splink_link.py
# and bench/matching-python/recordlinkage_link.py link it; the binary's
# `evaluate` scores every links file against the truth; one table per size
# gives seconds, records/s, precision, recall, F1, peak memory and each
# tool's time over Relais'. The goals: Relais >= 10x faster than Splink and
# >= 50x faster than recordlinkage, with an equal or better F1.
#
# Environment:
#   MATCHING_BENCH_SIZES        sizes, space-separated (default "lycee 100000 region";
#                               region = 1,000,000 records)
#   MATCHING_BENCH_SEED         generator seed (default 7)
#   MATCHING_BENCH_RL_MAX       largest size (accounts of the scale: region = 1000000,
#                               lycee = its ENT records) given to recordlinkage
#                               (default 1000000: it compares in Python, pair by
#                               pair, and its indexing holds every candidate pair
#                               in pandas; beyond a region it is not worth waiting)
#   MATCHING_BENCH_SPLINK_MAX   largest size given to Splink (default 1000000)
#   MATCHING_BENCH_TIMEOUT      wall-clock cap in seconds for each Python tool
#                               run (default 1800), so the bench always ends
#   MATCHING_BENCH_COUNTRY      when set (non-empty), also runs the country scale
#                               for Relais alone
#   MATCHING_BENCH_BIN          the bench binary, to skip the build
#   RELAIS_BENCH_VENV           the venv (default /var/tmp/relais-bench-venv),
#                               made once and reused
#   RELAIS_BENCH_DIR            where the temporary data goes (default /var/tmp)
#   SPLINK_LINK_THRESHOLDS      Splink's link thresholds, one table row each
#                               (default "0.99 0.9 0.5"); the best F1 is the
#                               one Relais is compared with
#   SPLINK_U_MAX_PAIRS, SPLINK_PREDICT_THRESHOLD, SPLINK_NAMES, SPLINK_PRIOR,
#   RL_INDEX, RL_WINDOW, RL_JOBS
#                               passed to the Python scripts (see their headers)
#
# Times: every tool's is the `SECONDS=` it prints for the same work: reading
# the two CSV files, linking (training, for the Python tools; one-to-one)
# and writing the links; the Python interpreter start-up and the imports are
# left out; the "wall" column is the whole process. Splink runs twice: once
# in full (its one-off training included; it saves the trained model), then
# with that model loaded and no training (row "splink no-train": the same
# links, so the quality of its best threshold), for a fair ratio.
# Quality columns: "homonyms" counts automatic links of records with a
# same-side homonym; "relatives" wrong links between twins, siblings,
# co-parents (spouses) and namesakes, against the generator's truth. Each
# size also prints the per-kind table of Relais and of Splink's best
# threshold (precision, recall, F1 per kind of noise). Relais' row comes from
# `relais-matching-bench link`; the extra row "Relais matching" is the
# engine alone on records already in memory (`run`: the data generated in
# memory, `RESULT seconds=`), its last column being its share of the
# end-to-end time. Peak memory: the maximum resident set size of the process
# (GNU time, else getrusage), for `run` its own peak_rss_bytes.
# Network: pip from PyPI when the venv is made or the requirements change;
# apt-get for GNU time when it is missing and we are root. Nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${MATCHING_BENCH_SIZES:-"lycee 100000 region"}
SEED=${MATCHING_BENCH_SEED:-7}
RL_MAX=${MATCHING_BENCH_RL_MAX:-1000000}
SPLINK_THRESHOLDS=${SPLINK_LINK_THRESHOLDS:-0.99 0.9 0.5}
SPLINK_MAX=${MATCHING_BENCH_SPLINK_MAX:-1000000}
TOOL_TIMEOUT=${MATCHING_BENCH_TIMEOUT:-1800}
VENV=${RELAIS_BENCH_VENV:-/var/tmp/relais-bench-venv}
PY_DIR=bench/matching-python

# --- Python tools, in their own venv -------------------------------------
requirements_stamp="$VENV/.relais-requirements.sha256"
wanted_stamp=$(sha256sum "$PY_DIR/requirements.txt" | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ]; then
  echo "bench-matching: creating the venv $VENV"
  python3 -m venv "$VENV"
fi
if [ "$(cat "$requirements_stamp" 2>/dev/null || true)" != "$wanted_stamp" ]; then
  echo "bench-matching: pip install -r $PY_DIR/requirements.txt"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$PY_DIR/requirements.txt"
  echo "$wanted_stamp" >"$requirements_stamp"
fi
PY="$VENV/bin/python"

# --- GNU time for the peak memory -----------------------------------------
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "bench-matching: installing GNU time (Debian package time)"
  (apt-get install -y -qq time >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1; }) || true
fi

# --- The Rust bench binary --------------------------------------------------
if [ -n "${MATCHING_BENCH_BIN:-}" ]; then
  bin=$MATCHING_BENCH_BIN
else
  cargo build -q --release --locked -p relais-matching --bins
  target_dir=$(cargo metadata -q --format-version 1 --no-deps |
    "$PY" -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
  bin_name=$(cargo metadata -q --format-version 1 --no-deps |
    "$PY" -c 'import json,sys
m = json.load(sys.stdin)
bins = [t["name"] for p in m["packages"] if p["name"] == "relais-matching"
        for t in p["targets"] if "bin" in t["kind"]]
print(bins[0] if bins else "")')
  if [ -z "$bin_name" ]; then
    echo "bench-matching: relais-matching has no binary target" >&2
    exit 1
  fi
  bin=$target_dir/release/$bin_name
fi

work=$(mktemp -d "${RELAIS_BENCH_DIR:-/var/tmp}/relais-bench-matching.XXXXXX")
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

# value KEY FILE: the value of KEY=... on the last line of FILE that has it.
value() {
  grep -o "\(^\| \)$1=[^ ]*" "$2" 2>/dev/null | tail -n 1 | sed "s/^ *$1=//" || true
}

# measured NAME CMD...: runs CMD under the timeout with its output in
# $work/NAME.log, its wall time in $work/NAME.wall, its peak RSS (bytes) in
# $work/NAME.rss; returns CMD's status (124 on timeout).
measured() {
  local name=$1
  shift
  local log=$work/$name.log start end status=0
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$work/$name.time" timeout "$TOOL_TIMEOUT" "$@" >"$log" 2>&1 || status=$?
    awk -F': ' '/Maximum resident set size/ { print $2 * 1024 }' "$work/$name.time" >"$work/$name.rss"
  else
    "$PY" - "$work/$name.rss" timeout "$TOOL_TIMEOUT" "$@" >"$log" 2>&1 <<'EOF' || status=$?
import resource, subprocess, sys
status = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024))
sys.exit(status)
EOF
  fi
  end=$(date +%s.%N)
  echo "$start $end" | awk '{ printf "%.3f\n", $2 - $1 }' >"$work/$name.wall"
  return "$status"
}

# evaluate NAME LINKS DATA_DIR: precision, recall, F1 and homonyms linked of a
# links file, into $work/NAME.eval.
evaluate() {
  "$bin" evaluate --truth "$3/truth.csv" --links "$2" --data "$3" >"$work/$1.eval" 2>&1 || {
    echo "bench-matching: evaluate failed for $1:" >&2
    cat "$work/$1.eval" >&2
    return 1
  }
}

mib() { awk -v b="${1:-}" 'BEGIN { if (b == "") print "-"; else printf "%.0f", b / 1048576 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s == "" || s <= 0) print "-"; else printf "%.0f", n / s }'; }
ratio() { awk -v t="$1" -v r="$2" 'BEGIN { if (t == "" || r == "" || r <= 0) print "-"; else printf "%.1fx", t / r }'; }
row() { printf '%-16s %9s %9s %11s %9s %9s %9s %9s %9s %8s %11s\n' "$@"; }
header() {
  row tool seconds wall_s records/s precision recall F1 homonyms relatives peak_MiB time/Relais
  row ---------------- --------- --------- ----------- --------- --------- --------- --------- --------- -------- -----------
}
# relatives FILE: wrong links between twins, siblings, co-parents and
# namesakes in an evaluation.
relatives() {
  local f=$1
  awk -v a="$(value wrong_twins "$f")" -v b="$(value wrong_siblings "$f")" \
    -v c="$(value wrong_coparents "$f")" -v d="$(value wrong_namesakes "$f")" \
    'BEGIN { if (a == "") print "-"; else print a + b + c + d }'
}

summary=$work/summary.txt
: >"$summary"

bench_size() {
  local size=$1 dir=$work/data-$1
  mkdir -p "$dir"
  echo
  echo "=== size $size (seed $SEED) ==="
  "$bin" generate --scale "$size" --seed "$SEED" --out "$dir" >"$work/generate-$size.log" 2>&1 || {
    cat "$work/generate-$size.log" >&2
    return 1
  }
  local n_ent n_pronote records
  n_ent=$(($(wc -l <"$dir/ent.csv") - 1))
  n_pronote=$(($(wc -l <"$dir/pronote.csv") - 1))
  records=$((n_ent + n_pronote))
  local nominal # the size the limits are compared with: accounts of the scale
  case $size in
    lycee) nominal=$n_ent ;;
    region) nominal=1000000 ;;
    country) nominal=15000000 ;;
    *) nominal=${size//_/} ;;
  esac
  echo "data: ent=$n_ent pronote=$n_pronote truth=$(($(wc -l <"$dir/truth.csv") - 1))"

  # Relais: end to end from the CSV files (`link`), like the Python tools,
  # and the engine alone on in-memory records (`run`).
  local relais_s="" relais_rss="" relais_status=ok relais_links=$work/relais-$size.links.csv
  if measured "relais-$size" "$bin" link --data "$dir" --out "$relais_links"; then
    relais_s=$(value SECONDS "$work/relais-$size.log")
    relais_rss=$(cat "$work/relais-$size.rss" 2>/dev/null || true)
    echo "relais link: $(grep '^RESULT' "$work/relais-$size.log" | tail -n 1)"
    evaluate "relais-$size" "$relais_links" "$dir"
  else
    relais_status="failed ($?)"
    tail -n 5 "$work/relais-$size.log" >&2
  fi
  local match_s="" match_rss="" match_p="" match_r="" match_f="" match_h="" match_status=ok
  if measured "relais-run-$size" "$bin" run --scale "$size" --seed "$SEED"; then
    local result=$work/relais-run-$size.result
    grep '^RESULT' "$work/relais-run-$size.log" | tail -n 1 >"$result" || true
    match_s=$(value seconds "$result")
    match_rss=$(value peak_rss_bytes "$result")
    match_p=$(value precision "$result")
    match_r=$(value recall "$result")
    match_f=$(value f1 "$result")
    match_h=$(value homonyms_auto "$result")
    echo "relais run: $(cat "$result")"
  else
    match_status="failed ($?)"
    tail -n 5 "$work/relais-run-$size.log" >&2
  fi

  # Splink and recordlinkage
  local rows=$work/rows-$size.txt tool script limit
  : >"$rows"
  for tool in splink recordlinkage; do
    if [ "$tool" = splink ]; then
      script=$PY_DIR/splink_link.py limit=$SPLINK_MAX
    else
      script=$PY_DIR/recordlinkage_link.py limit=$RL_MAX
    fi
    if [ "$nominal" -gt "$limit" ]; then
      printf '%-16s %s\n' "$tool" "skipped: scale $size ($nominal accounts) > limit $limit" >>"$rows"
      continue
    fi
    local links=$work/$tool-$size.links.csv rc=0
    measured "$tool-$size" env SPLINK_LINK_THRESHOLDS="$SPLINK_THRESHOLDS" \
      SPLINK_SAVE_MODEL="$work/splink-model-$size.json" \
      "$PY" "$script" "$dir/ent.csv" "$dir/pronote.csv" "$links" || rc=$?
    local wall rss secs
    wall=$(cat "$work/$tool-$size.wall")
    rss=$(cat "$work/$tool-$size.rss" 2>/dev/null || true)
    if [ "$rc" = 124 ]; then
      printf '%-16s %s\n' "$tool" "stopped at the ${TOOL_TIMEOUT}s cap" >>"$rows"
      continue
    elif [ "$rc" != 0 ]; then
      printf '%-16s %s\n' "$tool" "failed (exit $rc)" >>"$rows"
      tail -n 8 "$work/$tool-$size.log" >&2
      continue
    fi
    grep -E "^(splink|recordlinkage) " "$work/$tool-$size.log" | sed 's/^/  /' || true
    secs=$(value SECONDS "$work/$tool-$size.log")
    # Splink writes one links file per threshold; recordlinkage one.
    local label file threshold first=1 name best_f1=-1 best_eval=""
    for threshold in $([ "$tool" = splink ] && echo "$SPLINK_THRESHOLDS" || echo -); do
      if [ "$threshold" = - ]; then
        label=$tool file=$links name=$tool-$size
      elif [ "$first" = 1 ]; then
        label="splink p>=$threshold" file=$links first=0 name=$tool-$size-p$threshold
      else
        label="splink p>=$threshold" file=${links%.csv}.p$threshold.csv name=$tool-$size-p$threshold
      fi
      evaluate "$name" "$file" "$dir"
      local eval=$work/$name.eval f1
      f1=$(value f1 "$eval")
      if awk -v a="$f1" -v b="$best_f1" 'BEGIN { exit !(a > b) }'; then
        best_f1=$f1 best_eval=$eval
      fi
      row "$label" "$secs" "$wall" "$(rate "$records" "$secs")" \
        "$(value precision "$eval")" "$(value recall "$eval")" \
        "$f1" "$(value homonyms_auto "$eval")" "$(relatives "$eval")" \
        "$(mib "$rss")" "$(ratio "$secs" "$relais_s")" >>"$rows"
    done
    if [ "$tool" = splink ] && [ -n "$best_eval" ]; then
      cp "$best_eval" "$work/splink-best-$size.eval"
      # The same model again, loaded instead of trained.
      local nt=0 nt_secs nt_wall nt_rss
      measured "splink-nt-$size" env SPLINK_LINK_THRESHOLDS="$SPLINK_THRESHOLDS" \
        SPLINK_MODEL="$work/splink-model-$size.json" \
        "$PY" "$script" "$dir/ent.csv" "$dir/pronote.csv" "$work/splink-nt-$size.links.csv" || nt=$?
      if [ "$nt" = 0 ]; then
        nt_secs=$(value SECONDS "$work/splink-nt-$size.log")
        nt_wall=$(cat "$work/splink-nt-$size.wall")
        nt_rss=$(cat "$work/splink-nt-$size.rss" 2>/dev/null || true)
        row "splink no-train" "$nt_secs" "$nt_wall" "$(rate "$records" "$nt_secs")" \
          "$(value precision "$best_eval")" "$(value recall "$best_eval")" \
          "$best_f1" "$(value homonyms_auto "$best_eval")" "$(relatives "$best_eval")" \
          "$(mib "$nt_rss")" "$(ratio "$nt_secs" "$relais_s")" >>"$rows"
        echo "splink training (one-off): $(value TRAIN_SECONDS "$work/$tool-$size.log") s of $secs s" >>"$rows"
      else
        printf '%-16s %s\n' "splink no-train" "failed (exit $nt)" >>"$rows"
      fi
    fi
  done

  {
    echo
    echo "size $size: ENT $n_ent + PRONOTE $n_pronote = $records records"
    header
    if [ "$relais_status" = ok ]; then
      row Relais "$relais_s" "$(cat "$work/relais-$size.wall")" "$(rate "$records" "$relais_s")" \
        "$(value precision "$work/relais-$size.eval")" "$(value recall "$work/relais-$size.eval")" \
        "$(value f1 "$work/relais-$size.eval")" "$(value homonyms_auto "$work/relais-$size.eval")" \
        "$(relatives "$work/relais-$size.eval")" "$(mib "$relais_rss")" 1.0x
    else
      printf '%-16s %s\n' Relais "$relais_status"
    fi
    if [ "$match_status" = ok ]; then
      row "Relais matching" "$match_s" "$(cat "$work/relais-run-$size.wall")" \
        "$(rate "$records" "$match_s")" "$match_p" "$match_r" "$match_f" "$match_h" \
        "$(relatives "$work/relais-run-$size.result")" "$(mib "$match_rss")" \
        "$(ratio "$match_s" "$relais_s")"
    else
      printf '%-16s %s\n' "Relais matching" "$match_status"
    fi
    cat "$rows"
    if [ "$match_status" = ok ]; then
      echo
      echo "Relais (run: in memory, same data) per kind, review queue:"
      sed -n '/^kind /,/^review queue/p' "$work/relais-run-$size.log"
    fi
    if [ -f "$work/splink-best-$size.eval" ]; then
      echo
      echo "Splink, best threshold, per kind:"
      sed -n '/^kind /,/^wrong links/p' "$work/splink-best-$size.eval"
    fi
  } | tee -a "$summary"
}

for size in $SIZES; do
  bench_size "$size"
done

if [ -n "${MATCHING_BENCH_COUNTRY:-}" ]; then
  echo
  echo "=== country scale, Relais alone (seed $SEED) ==="
  if measured relais-country "$bin" run --scale country --seed "$SEED"; then
    result=$work/relais-country.result
    grep '^RESULT' "$work/relais-country.log" | tail -n 1 >"$result" || true
    records=$(($(value ent "$result") + $(value pronote "$result")))
    {
      echo
      echo "size country: $records records (Relais alone, the engine on records in memory)"
      header
      row "Relais matching" "$(value seconds "$result")" "$(cat "$work/relais-country.wall")" \
        "$(rate "$records" "$(value seconds "$result")")" "$(value precision "$result")" \
        "$(value recall "$result")" "$(value f1 "$result")" "$(value homonyms_auto "$result")" \
        "$(relatives "$result")" "$(mib "$(value peak_rss_bytes "$result")")" 1.0x
    } | tee -a "$summary"
  else
    echo "Relais failed at the country scale" | tee -a "$summary"
    tail -n 5 "$work/relais-country.log" >&2
  fi
fi

echo
echo "=== matching benchmark summary (goals: Splink without training/Relais >= 10x, recordlinkage/Relais >= 50x, F1 above Splink's best threshold, relatives 0) ==="
echo "Python tools: $("$PY" -c 'import splink, recordlinkage, duckdb, pandas; print(f"splink {splink.__version__} (duckdb {duckdb.__version__}), recordlinkage {recordlinkage.__version__}, pandas {pandas.__version__}")'); $(nproc) cores"
echo "recordlinkage runs up to $RL_MAX accounts, Splink up to $SPLINK_MAX, each capped at ${TOOL_TIMEOUT}s"
echo "seconds: every tool = read the CSV files + link + write the links (Python imports excluded; wall_s = whole process);"
echo "         Relais matching = the engine alone on records in memory (run: data generated in memory first), not a ratio base"
echo "homonyms: automatic links of records that have a same-side homonym (should be 0)"
echo "relatives: wrong automatic links between twins, siblings, co-parents and namesakes, against the truth (should be 0)"
cat "$summary"
