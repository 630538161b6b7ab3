#!/usr/bin/env bash
# Runs a command with PostgreSQL available for the tests.
#
# - PostgreSQL answers at 127.0.0.1:5432 (or RELAIS_TEST_POSTGRES_URL): run.
# - It does not, and CI=true: install it from Debian if missing, start it,
#   fail if it still does not answer.
# - It does not, outside CI: say loudly that the PostgreSQL tests are skipped
#   (RELAIS_TEST_SKIP_POSTGRES=1) and run the SQLite half.
set -euo pipefail

url=${RELAIS_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
hostport=${url#*@}; hostport=${hostport%%/*}
host=${hostport%%:*}; port=${hostport##*:}
[ "$port" = "$hostport" ] && port=5432

answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -h "$host" -p "$port" -q
  else
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
  fi
}

start_postgres() {
  if [ ! -d /etc/postgresql ] || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    echo "with-postgres: installing PostgreSQL from Debian" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    # The tests connect as postgres over loopback without a password.
    hba=/etc/postgresql/$version/main/pg_hba.conf
    sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do
    answers && return 0
    sleep 1
  done
  return 1
}

if ! answers; then
  if [ "${CI:-}" = "true" ]; then
    echo "with-postgres: PostgreSQL does not answer at $host:$port; starting it" >&2
    start_postgres || { echo "with-postgres: PostgreSQL could not be reached at $host:$port" >&2; exit 1; }
  else
    cat >&2 <<BANNER

############################################################################
##  WARNING: PostgreSQL does not answer at $host:$port.
##  The PostgreSQL half of the test suite is SKIPPED on this run.
##  Start it (pg_ctlcluster … main start) or set RELAIS_TEST_POSTGRES_URL.
##  In CI (CI=true) PostgreSQL is mandatory.
############################################################################

BANNER
    export RELAIS_TEST_SKIP_POSTGRES=1
  fi
fi

exec "$@"
