#!/usr/bin/env bash
# Installs the command-line tools the test suite uses when they are missing:
# xmllint (Debian's libxml2-utils) validates the models feed against its XSD;
# Garage (crates.io) is the S3 server of the storage tests. Without root or
# apt-get, says which tests will be skipped.
set -euo pipefail
if ! command -v xmllint >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-test-tools: installing libxml2-utils (xmllint) from Debian" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
  else
    echo "WARNING: xmllint is missing (Debian package libxml2-utils): the XSD checks of the models feed will be skipped." >&2
  fi
fi
# Garage, the S3 server the storage tests run against (tests/services/garage.rs).
# Built from crates.io: the first time this takes 10 to 20 minutes.
export PATH="$PATH:${CARGO_HOME:-$HOME/.cargo}/bin"
if ! command -v garage >/dev/null 2>&1; then
  echo "ensure-test-tools: installing Garage (S3 server for the storage tests) with" >&2
  echo "  cargo install garage --locked --no-default-features --features bundled-libs,sqlite" >&2
  echo "  (a long build, 10 to 20 minutes the first time)" >&2
  cargo install garage --locked --no-default-features --features bundled-libs,sqlite
fi
# MailDev 2.2.1, the SMTP server of the mail tests (tests/services/maildev.rs),
# from the npm registry as pinned by tests/services/node/package-lock.json.
node_dir="$(cd "$(dirname "$0")/.." && pwd)/tests/services/node"
if [ ! -f "$node_dir/node_modules/maildev/bin/maildev" ]; then
  if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-test-tools: installing node and npm from Debian (for MailDev)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  if command -v npm >/dev/null 2>&1; then
    echo "ensure-test-tools: installing MailDev (npm ci in tests/services/node)" >&2
    (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
  else
    echo "WARNING: node/npm are missing: the mail tests will be skipped (SKIPPED (MailDev absent))." >&2
  fi
fi
