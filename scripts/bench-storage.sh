#!/usr/bin/env bash
# Part of `make bench`: object storage. Encryption alone against OpenSSL,
# encrypt + store against plain store (local directory and a throwaway
# Garage on loopback), and peak memory while storing 1 GiB and 4 GiB.
# See backend/objects/examples/storage_bench.rs for what is measured.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build -q --release --locked -p relais-objects --example storage_bench
bin=${CARGO_TARGET_DIR:-target}/release/examples/storage_bench

# Objects go to /var/tmp (a disk, not tmpfs). Peak local use: the largest
# RSS run (4 GiB) plus the same in Garage's data directory.
export RELAIS_BENCH_DIR=${RELAIS_BENCH_DIR:-/var/tmp}
free_mib=$(df -Pm "$RELAIS_BENCH_DIR" | awk 'NR==2 {print $4}')
if [ -z "${RELAIS_BENCH_RSS_MIB:-}" ]; then
  if [ "$free_mib" -ge 12288 ]; then
    export RELAIS_BENCH_RSS_MIB=1024,4096
  else
    echo "bench-storage: only ${free_mib} MiB free under $RELAIS_BENCH_DIR: the 4 GiB run is skipped" >&2
    export RELAIS_BENCH_RSS_MIB=1024
  fi
fi

garage_bin=$(command -v garage || true)
[ -z "$garage_bin" ] && [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/garage" ] && garage_bin=${CARGO_HOME:-$HOME/.cargo}/bin/garage
work=
garage_pid=
cleanup() {
  [ -n "$garage_pid" ] && kill "$garage_pid" 2>/dev/null && wait "$garage_pid" 2>/dev/null
  [ -n "$work" ] && rm -rf "$work"
  return 0
}
trap cleanup EXIT

if [ -n "$garage_bin" ]; then
  work=$(mktemp -d "$RELAIS_BENCH_DIR/relais-bench-garage.XXXXXX")
  port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
  s3_port=$(port); rpc_port=$(port)
  cat >"$work/garage.toml" <<TOML
metadata_dir = "$work/meta"
data_dir = "$work/data"
db_engine = "sqlite"
replication_factor = 1
rpc_bind_addr = "127.0.0.1:$rpc_port"
rpc_public_addr = "127.0.0.1:$rpc_port"
rpc_secret = "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"

[s3_api]
s3_region = "garage"
api_bind_addr = "127.0.0.1:$s3_port"
root_domain = ".s3.garage.localhost"
TOML
  g() { "$garage_bin" -c "$work/garage.toml" "$@"; }
  "$garage_bin" -c "$work/garage.toml" server >"$work/garage.log" 2>&1 &
  garage_pid=$!
  for _ in $(seq 1 100); do
    g status >/dev/null 2>&1 && (exec 3<>"/dev/tcp/127.0.0.1/$s3_port") 2>/dev/null && break
    sleep 0.1
  done
  node=$(g node id -q 2>/dev/null | cut -d@ -f1)
  g layout assign -z dc1 -c 100G "$node" >/dev/null
  g layout apply --version 1 >/dev/null
  key=$(g key create relais-bench)
  g bucket create relais-bench >/dev/null
  g bucket allow --read --write --owner relais-bench --key relais-bench >/dev/null
  export RELAIS_BENCH_S3_ENDPOINT=http://127.0.0.1:$s3_port RELAIS_BENCH_S3_BUCKET=relais-bench
  export RELAIS_BENCH_S3_REGION=garage
  RELAIS_BENCH_S3_ACCESS_KEY_ID=$(echo "$key" | awk -F': *' '/^Key ID:/ {print $2}')
  RELAIS_BENCH_S3_SECRET_ACCESS_KEY=$(echo "$key" | awk -F': *' '/^Secret key:/ {print $2}')
  export RELAIS_BENCH_S3_ACCESS_KEY_ID RELAIS_BENCH_S3_SECRET_ACCESS_KEY
else
  echo "bench-storage: garage is not installed (scripts/ensure-test-tools.sh installs it): S3 figures skipped" >&2
fi

"$bin"
