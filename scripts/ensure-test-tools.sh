#!/usr/bin/env bash
# Installs the command-line tools the test suite uses, from Debian, when
# they are missing: xmllint (libxml2-utils) validates the models feed against
# its XSD. Without root or apt-get, says which tests will be skipped.
set -euo pipefail
if ! command -v xmllint >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-test-tools: installing libxml2-utils (xmllint) from Debian" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
  else
    echo "WARNING: xmllint is missing (Debian package libxml2-utils): the XSD checks of the models feed will be skipped." >&2
  fi
fi
