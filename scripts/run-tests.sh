#!/usr/bin/env bash
# Runs the workspace's tests and ends with one total line
# ("Tests: N passed, N failed, N skipped"). A test that skips because a
# service is absent (PostgreSQL when with-postgres.sh found none, Garage,
# MailDev, django-cas-server, HAProxy outside CI) writes its name to
# $RELAIS_TEST_SKIPS (tests/services/mod.rs, `skip`): it is counted
# skipped, not passed, and listed.
set -uo pipefail
log=$(mktemp)
skips=$(mktemp)
trap 'rm -f "$log" "$skips"' EXIT
export RELAIS_TEST_SKIPS=$skips
# Servers the tests start keep their expensive requests' threads out of
# the idle scheduling class: the suite shares the cores with the browser,
# other suites and CI's niced release build (docs/decisions.md, issue 13,
# sixth pass).
export RELAIS_GRAPHQL__EXPENSIVE__IDLE=${RELAIS_GRAPHQL__EXPENSIVE__IDLE:-false}

cargo test --locked --no-fail-fast --workspace --all-targets "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed;' "$log" | awk '{s+=$1} END {print s+0}')
skipped=$(cut -f1 "$skips" | sort -u | grep -c .)
if [ "$skipped" -gt 0 ]; then
  passed=$((passed - skipped))
  echo "WARNING: $skipped tests were skipped, a service being absent:"
  sort -u "$skips" | sed 's/^/  /'
fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
