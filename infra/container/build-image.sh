#!/usr/bin/env bash
# `make image`: builds the Relais OCI image with podman, without pulling any
# base image: FROM scratch plus the tree assemble-rootfs.sh makes from the
# release binary (Containerfile.local).
#
#   RELAIS_IMAGE        image name (default localhost/relais:<version>, also tagged :latest)
#   RELAIS_IMAGE_BINARY binary to put in (default: the release build, built if missing or stale)
set -euo pipefail
cd "$(dirname "$0")/../.."
here=infra/container

"$here/ensure-podman.sh"
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/$here/containers.conf}

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
image=${RELAIS_IMAGE:-localhost/relais:$version}
binary=${RELAIS_IMAGE_BINARY:-}
if [ -z "$binary" ]; then
  # Cargo decides whether the release binary is up to date.
  nice make -s release-binary
  binary=${CARGO_TARGET_DIR:-target}/release/relais
fi

context=$(mktemp -d /var/tmp/relais-image.XXXXXX)
trap 'rm -rf "$context"' EXIT
"$here/assemble-rootfs.sh" "$binary" "$context/rootfs"
cp "$here/Containerfile.local" "$context/Containerfile"
podman build --pull=never --quiet -f "$context/Containerfile" -t "$image" "$context" >/dev/null
case "$image" in
  *:test) ;;
  *:*) podman tag "$image" "${image%:*}:latest" ;;
esac
echo "image: $image ($(podman image inspect --format '{{.Size}}' "$image" | awk '{printf "%.1f MB", $1/1e6}'))"
