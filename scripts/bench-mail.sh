#!/usr/bin/env bash
# Mail outbox benchmark (issue 6): 10,000 queued messages delivered by the
# outbox job to a local MailDev (SMTP on loopback), with lettre's connection
# pool and with one connection per message, side by side, plus the job's CPU
# time per message. See backend/server/examples/outbox_bench.rs.
#
# BENCH_MAIL_MESSAGES (default 10000) and BENCH_MAIL_CONCURRENCY (default 4)
# change the load.
set -euo pipefail
cd "$(dirname "$0")/.."

MESSAGES=${BENCH_MAIL_MESSAGES:-10000}
CONCURRENCY=${BENCH_MAIL_CONCURRENCY:-4}
maildev_script=tests/services/node/node_modules/maildev/bin/maildev
if ! command -v node >/dev/null 2>&1 || [ ! -f "$maildev_script" ]; then
  scripts/ensure-test-tools.sh
fi
if ! command -v node >/dev/null 2>&1 || [ ! -f "$maildev_script" ]; then
  echo "bench-mail: node or MailDev is missing (scripts/ensure-test-tools.sh): skipped" >&2
  exit 0
fi

cargo build -q --release --locked -p relais-server --features test-support --example outbox_bench
bin=${CARGO_TARGET_DIR:-target}/release/examples/outbox_bench

work=$(mktemp -d "${RELAIS_BENCH_DIR:-/var/tmp}/relais-bench-mail.XXXXXX")
maildev_pid=
cleanup() {
  [ -n "$maildev_pid" ] && kill "$maildev_pid" 2>/dev/null && wait "$maildev_pid" 2>/dev/null
  rm -rf "$work"
  return 0
}
trap cleanup EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
smtp_port=$(port)
web_port=$(port)
mkdir -p "$work/mail"
node "$maildev_script" --ip 127.0.0.1 --web-ip 127.0.0.1 --smtp "$smtp_port" --web "$web_port" \
  --mail-directory "$work/mail" --silent >"$work/maildev.log" 2>&1 &
maildev_pid=$!
web=http://127.0.0.1:$web_port
for _ in $(seq 1 100); do
  curl -fs "$web/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

received() { # messages MailDev holds, once it has filed them all
  local previous=-1 count=0
  for _ in $(seq 1 100); do
    count=$(curl -fs "$web/email" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    [ "$count" = "$previous" ] && break
    previous=$count
    sleep 0.3
  done
  echo "$count"
}

export CLK_TCK
CLK_TCK=$(getconf CLK_TCK)
for mode in pool direct; do
  curl -fs -X DELETE "$web/email/all" >/dev/null
  "$bin" "$smtp_port" "$MESSAGES" "$mode" "$CONCURRENCY" >"$work/$mode.json"
  echo "$(received)" >"$work/$mode.received"
done

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
rows = {}
for mode in ("pool", "direct"):
    result = json.load(open(f"{work}/{mode}.json"))
    result["received"] = int(open(f"{work}/{mode}.received").read().strip())
    rows[mode] = result
pool, direct = rows["pool"], rows["direct"]
def rate(r): return r["sent"] / r["wall_seconds"] if r["wall_seconds"] else 0.0
def cpu_ms(r): return 1000 * r["cpu_seconds"] / r["sent"] if r["sent"] else 0.0
print(f"\nMail outbox — {pool['messages']:,} queued messages to MailDev 2.2.1 on loopback, "
      f"{pool['concurrency']} in flight, release build, SQLite\n")
print(f"{'':34} {'pool':>12} {'no pool':>12} {'ratio':>8}")
print(f"{'messages sent (marked SENT)':34} {pool['sent']:>12,} {direct['sent']:>12,}")
print(f"{'messages received by MailDev':34} {pool['received']:>12,} {direct['received']:>12,}")
print(f"{'wall time (s)':34} {pool['wall_seconds']:>12.2f} {direct['wall_seconds']:>12.2f}")
print(f"{'messages/s':34} {rate(pool):>12.0f} {rate(direct):>12.0f} {rate(pool) / rate(direct) if rate(direct) else 0:>7.2f}x")
print(f"{'job CPU time per message (ms)':34} {cpu_ms(pool):>12.3f} {cpu_ms(direct):>12.3f} {cpu_ms(direct) / cpu_ms(pool) if cpu_ms(pool) else 0:>7.2f}x")
print("\n(CPU: user + system time of the sending process during the job's runs, SQLite included, MailDev excluded.)")
for r in (pool, direct):
    if r["sent"] != r["messages"] or r["received"] != r["messages"] or r["failed"]:
        print(f"WARNING: {r['mode']}: {r['sent']} sent, {r['received']} received, {r['failed']} failed of {r['messages']}")
PY
