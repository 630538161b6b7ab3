#!/usr/bin/env bash
# Installs podman and runc from Debian when missing (as root), as the image
# build and its test need them.
set -euo pipefail
if command -v podman >/dev/null 2>&1 && command -v runc >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-podman: installing podman and runc from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends podman runc ca-certificates >/dev/null
else
  echo "ensure-podman: podman and runc are needed (apt-get install podman runc)" >&2
  exit 1
fi
