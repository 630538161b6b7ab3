#!/usr/bin/env bash
# The console's checks (issue 15), one script for `make test` and CI:
# dependencies from package-lock.json, generated GraphQL types up to date
# with schema.graphql, ESLint (with the feature boundaries), TypeScript
# strict, Vitest, the production build, then the end-to-end run in
# Debian's Chromium against `relais serve --demo`.
#
# The end-to-end run uses the debug `relais` the Rust tests build
# (RELAIS_BIN to use another); `--no-e2e` skips it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/frontend"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Servers the tests start keep their expensive requests' threads out of
# the idle scheduling class: the suite shares the cores with the browser,
# other suites and CI's niced release build (docs/decisions.md, issue 13,
# sixth pass).
export RELAIS_GRAPHQL__EXPENSIVE__IDLE=${RELAIS_GRAPHQL__EXPENSIVE__IDLE:-false}

e2e=1
[ "${1:-}" = "--no-e2e" ] && e2e=0

echo "console: npm ci" >&2
npm ci --no-audit --no-fund --loglevel=error

echo "console: generated GraphQL code" >&2
npm run --silent codegen >/dev/null
if ! git -C "$root" diff --quiet -- frontend/src/gql || [ -n "$(git -C "$root" status --porcelain -- frontend/src/gql)" ]; then
  git -C "$root" --no-pager diff --stat -- frontend/src/gql >&2
  echo "frontend/src/gql is out of date with schema.graphql or the documents: run 'npm run codegen' in frontend/ and commit it" >&2
  exit 1
fi

echo "console: lint, types, unit tests, build" >&2
npm run --silent lint
npm run --silent typecheck
npm run --silent test
npm run --silent build

if [ "$e2e" = 1 ]; then
  bin="${RELAIS_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/relais}"
  if [ ! -x "$bin" ] || [ -n "$(find "$root/backend" "$root/migrations" -name '*.rs' -newer "$bin" -print -quit)" ]; then
    echo "console: building the debug relais for the end-to-end run" >&2
    (cd "$root" && cargo build --locked -q -p relais-server --bin relais)
  fi
  echo "console: end-to-end run (Chromium, relais serve --demo)" >&2
  RELAIS_BIN="$bin" node e2e/run.mjs
  echo "console: end-to-end run of the regional dashboard (issue 17)" >&2
  RELAIS_BIN="$bin" node e2e/region.mjs
  echo "console: end-to-end run of the CAS registry screen (issue 21)" >&2
  RELAIS_BIN="$bin" node e2e/cas-registry.mjs
  echo "console: end-to-end run of the operator's bulk model updates, import and outbox (issue 17)" >&2
  RELAIS_BIN="$bin" node e2e/operations.mjs
  echo "console: end-to-end run of the helpdesk's queue, ticket and dashboard (issue 17)" >&2
  RELAIS_BIN="$bin" node e2e/helpdesk.mjs
  echo "console: end-to-end run of the live state across consoles, schools and tenants (issue 17)" >&2
  RELAIS_BIN="$bin" node e2e/live.mjs
  echo "console: end-to-end run of the operator's users and audit journal (issue 17)" >&2
  RELAIS_BIN="$bin" node e2e/admin.mjs
  echo "console: end-to-end run of the operator's exchanges screen (issue 17)" >&2
  RELAIS_BIN="$bin" node e2e/exchanges.mjs
  echo "console: end-to-end run of the operator's models: feed refresh, revision diff, test accounts, validation (issue 17)" >&2
  RELAIS_BIN="$bin" node e2e/models.mjs
  echo "console: end-to-end run of the operator's establishments screen (issue 17)" >&2
  RELAIS_BIN="$bin" node e2e/establishments.mjs
fi
