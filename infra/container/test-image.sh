#!/usr/bin/env bash
# Runs the Relais image as an operator would, against the machine's
# PostgreSQL: `relais migrate` in a one-off container, then `relais serve`
# with database.run_migrations = false, configuration from a mounted
# relais.toml, secrets as mounted files (*_file keys), read-only root
# filesystem, every capability dropped, host network. Checks /readyz, a
# login, an authenticated query, the non-root user, and a graceful stop
# (exit code 0 after SIGTERM).
#
#   test-image.sh                 tests RELAIS_IMAGE (default localhost/relais:latest, `make image`)
#   test-image.sh --debug-build   `make test`: builds the debug binary, assembles
#                                 localhost/relais:test from it the way `make image`
#                                 does from the release one, tests it, removes it
#   RELAIS_TEST_POSTGRES_URL      server to use (default postgres://postgres@127.0.0.1:5432/postgres)
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
if [ "${RELAIS_TEST_SKIP_POSTGRES:-}" = 1 ] && [ "${CI:-}" != true ]; then
  echo "test-image: SKIPPED (PostgreSQL absent)" >&2
  exit 0
fi
image=${RELAIS_IMAGE:-localhost/relais:latest}
remove_image=false
if [ "${1:-}" = --debug-build ]; then
  ${CARGO:-cargo} build --locked -q -p relais-server --bin relais
  image=localhost/relais:test
  RELAIS_IMAGE=$image RELAIS_IMAGE_BINARY=${CARGO_TARGET_DIR:-target}/debug/relais \
    infra/container/build-image.sh
  remove_image=true
fi
admin_url=${RELAIS_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
infra/container/ensure-podman.sh
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/infra/container/containers.conf}
podman image exists "$image" || { echo "test-image: no image $image (run make image)" >&2; exit 1; }
for tool in curl psql python3; do
  command -v "$tool" >/dev/null || { echo "test-image: $tool is missing" >&2; exit 1; }
done

name=relais-image-test-$$
db=relais_image_test_$$
work=$(mktemp -d /var/tmp/relais-image-test.XXXXXX)
cleanup() {
  podman rm -f "$name" >/dev/null 2>&1 || true
  if [ "$remove_image" = true ]; then
    podman rmi -f "$image" >/dev/null 2>&1 || true
  fi
  psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "test-image: FAILED: $*" >&2
  podman logs "$name" 2>&1 | tail -n 40 >&2 || true
  exit 1
}

psql -q "$admin_url" -c "CREATE DATABASE $db"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# Secrets as files, the way a Kubernetes Secret is mounted.
mkdir -p "$work/secrets" "$work/config" "$work/data"
echo "${admin_url%/*}/$db" > "$work/secrets/database-url"
head -c 48 /dev/urandom | base64 -w0 > "$work/secrets/jwt-secret"
head -c 32 /dev/urandom | base64 -w0 > "$work/secrets/master-key"
password="image-test-$(head -c 12 /dev/urandom | base64 -w0 | tr -d '/+=')"
printf '%s' "$password" > "$work/secrets/admin-password"
chmod 0444 "$work"/secrets/*
# The data directory stands for a volume (local objects, .eml files); with
# S3 and SMTP configured nothing is written there.
chown 10001:10001 "$work/data"
cat > "$work/config/relais.toml" <<TOML
[http]
port = $port
public_url = "http://127.0.0.1:$port"

[database]
url_file = "/run/secrets/relais/database-url"
max_connections = 5
run_migrations = false

[auth]
jwt_secret_file = "/run/secrets/relais/jwt-secret"

[bootstrap]
admin_email = "exploitation@relais.test"
admin_password_file = "/run/secrets/relais/admin-password"

[storage]
master_key_file = "/run/secrets/relais/master-key"

[shutdown]
drain_seconds = 1
timeout_seconds = 20
TOML

run_flags=(
  --runtime runc --network host --read-only --cap-drop=ALL
  --security-opt=no-new-privileges
  -v "$work/secrets:/run/secrets/relais:ro"
  -v "$work/config:/etc/relais:ro"
  -v "$work/data:/var/lib/relais"
  -e RELAIS_CONFIG=/etc/relais/relais.toml
  # Host network: loopback only (the image listens on every interface).
  -e RELAIS_HTTP__HOST=127.0.0.1
)

echo "test-image: relais migrate (one-off container)"
migrated=$(podman run --rm "${run_flags[@]}" "$image" migrate) || fail "relais migrate: $migrated"
grep -q "Premier administrateur" <<<"$migrated" || fail "relais migrate created no administrator: $migrated"

echo "test-image: relais serve on 127.0.0.1:$port"
podman run -d --name "$name" "${run_flags[@]}" "$image" >/dev/null
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] && break
  sleep 0.5
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] || fail "/readyz never answered 200"

user=$(podman top "$name" huser,user | awk 'NR == 2 { print $2 }')
[ "$user" = relais ] || [ "$user" = 10001 ] || fail "the process runs as '$user', not relais (10001)"

login=$(curl -sf "$base/graphql" -H 'Content-Type: application/json' --data-binary @- <<JSON
{"query": "mutation(\$e: String!, \$p: String!) { login(email: \$e, password: \$p) { accessToken } }",
 "variables": {"e": "exploitation@relais.test", "p": "$password"}}
JSON
) || fail "login request"
token=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["data"]["login"]["accessToken"])' <<<"$login") \
  || fail "login refused: $login"
me=$(curl -sf "$base/graphql" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
  --data-binary '{"query": "{ me { email role } }"}') || fail "query"
python3 -c 'import json, sys; me = json.load(sys.stdin)["data"]["me"]; assert me["role"] == "PLATFORM_ADMIN", me' <<<"$me" \
  || fail "unexpected answer to { me }: $me"

echo "test-image: graceful stop (SIGTERM)"
podman stop -t 40 "$name" >/dev/null
code=$(podman inspect --format '{{.State.ExitCode}}' "$name")
[ "$code" = 0 ] || fail "exit code $code after SIGTERM"
podman logs "$name" 2>&1 | grep -q "shutdown complete" || fail "no 'shutdown complete' in the log"

echo "test-image: passed ($image: migrate, readyz, login, query, user $user, graceful stop) in $(( $(date +%s) - started )) s"
