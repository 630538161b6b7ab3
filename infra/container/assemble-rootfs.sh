#!/usr/bin/env bash
# Assembles the root filesystem of the Relais image from a built `relais`
# binary: the binary, the shared libraries it loads (ldd), the dynamic
# loader, the CA certificates, a non-root user and an empty /tmp. No shell,
# no package manager, nothing else: the image is `FROM scratch` plus this
# tree (infra/container/Containerfile and Containerfile.local).
#
#   infra/container/assemble-rootfs.sh BINARY DESTINATION
#
# Used by `make image` on the machine and by the builder stage of
# infra/container/Containerfile, so that both images hold the same files.
set -euo pipefail

binary=${1:?usage: assemble-rootfs.sh BINARY DESTINATION}
dest=${2:?usage: assemble-rootfs.sh BINARY DESTINATION}
[ -x "$binary" ] || { echo "assemble-rootfs: $binary is not an executable" >&2; exit 1; }
command -v ldd >/dev/null || { echo "assemble-rootfs: ldd is missing (Debian package libc-bin)" >&2; exit 1; }
certificates=/etc/ssl/certs/ca-certificates.crt
[ -f "$certificates" ] || { echo "assemble-rootfs: $certificates is missing (Debian package ca-certificates)" >&2; exit 1; }

rm -rf "$dest"
mkdir -p "$dest/usr/local/bin" "$dest/etc/ssl/certs" "$dest/tmp" "$dest/var/lib/relais"
install -m 0755 "$binary" "$dest/usr/local/bin/relais"

# The libraries the binary loads, and the loader, at their own paths.
# `ldd` lists "name => /path (address)" and the loader as "/path (address)".
libraries=$(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
[ -n "$libraries" ] || { echo "assemble-rootfs: ldd found no library (a static binary needs none: fine)" >&2; }
for library in $libraries; do
  cp -L --parents "$library" "$dest"
done

install -m 0644 "$certificates" "$dest/etc/ssl/certs/ca-certificates.crt"
# The user the image runs as: relais, uid and gid 10001, no shell, no home
# of its own beyond the (read-only) data directory.
cat > "$dest/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
relais:x:10001:10001:Relais:/var/lib/relais:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
cat > "$dest/etc/group" <<'GROUP'
root:x:0:
relais:x:10001:
nogroup:x:65534:
GROUP
# Name resolution through /etc/hosts then DNS (glibc reads this file).
printf 'hosts: files dns\n' > "$dest/etc/nsswitch.conf"
chmod 1777 "$dest/tmp"
chmod 0755 "$dest/var/lib/relais"
chown 10001:10001 "$dest/var/lib/relais" 2>/dev/null || true
echo "assemble-rootfs: $(du -sh "$dest" | cut -f1) in $dest ($(echo "$libraries" | wc -w) libraries)" >&2
