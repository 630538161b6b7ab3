#!/usr/bin/env bash
# Installs the command-line tools the test suite uses when they are missing:
# xmllint (Debian's libxml2-utils) validates the models feed against its XSD;
# Garage (crates.io) is the S3 server of the storage tests; MailDev (npm) the
# SMTP server of the mail tests; django-cas-server (PyPI, in a venv) the CAS
# server of the CAS check tests. Without root or apt-get, says which tests
# will be skipped.
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
# django-cas-server, the CAS server of the CAS check tests (tests/services/cas.rs),
# in a venv outside the tree, from the pinned tests/services/cas/requirements.txt.
# Rebuilt only when the requirements change (their hash is kept in the venv).
cas_requirements="$(cd "$(dirname "$0")/.." && pwd)/tests/services/cas/requirements.txt"
cas_venv="${RELAIS_TEST_CAS_VENV:-/var/tmp/relais-cas-venv}"
cas_hash="$(sha256sum "$cas_requirements" | cut -d' ' -f1)"
if [ "$(cat "$cas_venv/.requirements-sha256" 2>/dev/null)" != "$cas_hash" ]; then
  python=""
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
      python="$candidate"
      break
    fi
  done
  if [ -z "$python" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-test-tools: installing python3 and python3-venv from Debian (for django-cas-server)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null
    python=python3
  fi
  if [ -n "$python" ]; then
    echo "ensure-test-tools: installing django-cas-server into $cas_venv" >&2
    rm -rf "$cas_venv"
    "$python" -m venv "$cas_venv"
    "$cas_venv/bin/pip" install --quiet --disable-pip-version-check -r "$cas_requirements"
    echo "$cas_hash" > "$cas_venv/.requirements-sha256"
  else
    echo "WARNING: python3 (>= 3.10, with venv) is missing: the CAS check tests will be skipped (SKIPPED (django-cas-server absent))." >&2
  fi
fi
# openssl makes the self-signed certificate of the https CAS check test.
if ! command -v openssl >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-tools: installing openssl from Debian (https CAS check test)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null
fi
# Chromium, the browser of the console's end-to-end tests (frontend/e2e),
# from Debian: playwright-core drives it; no browser is ever downloaded.
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-test-tools: installing chromium from Debian (console end-to-end tests)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "WARNING: chromium is missing (Debian package chromium): the console's end-to-end tests will fail." >&2
  fi
fi
# HAProxy, the load balancer in front of the three replicas of the cluster
# test (tests/api/cluster.rs), from Debian.
if ! command -v haproxy >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-test-tools: installing haproxy from Debian (cluster test)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
  else
    echo "WARNING: haproxy is missing (Debian package haproxy): the cluster test will be skipped (SKIPPED (HAProxy absent))." >&2
  fi
fi
