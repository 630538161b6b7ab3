#!/usr/bin/env bash
# Runs the workspace's tests and ends with one total line
# ("Tests: N passed, N failed, N skipped"), PostgreSQL tests skipped by
# with-postgres.sh counted as skipped.
set -uo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT

cargo test --locked --no-fail-fast --workspace --all-targets "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
failed=$(grep -Eo '[0-9]+ failed;' "$log" | awk '{s+=$1} END {print s+0}')
skipped=0
if [ "${RELAIS_TEST_SKIP_POSTGRES:-}" = "1" ]; then
  skipped=$(grep -Ec '^test .*::postgres::.* \.\.\. ok$' "$log")
  passed=$((passed - skipped))
  echo "WARNING: $skipped PostgreSQL tests were skipped (no PostgreSQL server)."
fi
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
