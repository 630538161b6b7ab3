#!/usr/bin/env bash
# Checks the deployment files without any cluster or network access
# (docs/operations.md, "Kubernetes", "Monitoring", "Container image"):
# - both Containerfiles share the same runtime block, the image scripts parse;
# - the kustomize overlays render (`kubectl kustomize`), validate against
#   the JSON schemas of pinned Kubernetes versions (kubernetes-validate,
#   offline, strict), and pass the policy check (check_policy.py), whose own
#   tests show it catches each bad manifest;
# - the Prometheus rules load and their unit tests pass (promtool, taken
#   from Debian's prometheus package without installing the server).
# Installs what is missing: kubectl (the machine's, else Debian's
# kubernetes-client), a venv for kubernetes-validate, promtool.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
KUBERNETES_VERSIONS=${KUBERNETES_VERSIONS:-"1.29.0 1.33.0"}
venv=${RELAIS_DEPLOY_VENV:-/var/tmp/relais-deploy-venv}
tools=${RELAIS_DEPLOY_TOOLS:-/var/tmp/relais-deploy-tools}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { echo "check-deploy: $*"; }
as_root_apt() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || {
    echo "check-deploy: $1 is missing and cannot be installed (not root)" >&2; exit 1; }
}

# 1. Container image files.
runtime_block() { sed -n '/^# --- runtime: keep identical/,$p' "$1"; }
if ! diff -u <(runtime_block infra/container/Containerfile) <(runtime_block infra/container/Containerfile.local); then
  echo "check-deploy: the runtime blocks of Containerfile and Containerfile.local differ" >&2
  exit 1
fi
[ -n "$(runtime_block infra/container/Containerfile)" ] || { echo "check-deploy: no runtime block in Containerfile" >&2; exit 1; }
for script in infra/container/*.sh scripts/*.sh; do bash -n "$script"; done
step "Containerfiles in step, scripts parse"

# 2. Tools.
if ! command -v kubectl >/dev/null 2>&1; then
  as_root_apt kubectl
  apt-get update -qq
  # Debian 12 ships kubectl 1.20 (kustomize 2.0) as kubernetes-client; the
  # manifests render alike with it and with current kubectl (kustomize 5).
  if apt-cache show kubectl >/dev/null 2>&1; then package=kubectl; else package=kubernetes-client; fi
  step "installing $package from apt"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
fi
hash=$(sha256sum infra/kubernetes/requirements.txt | cut -d' ' -f1)
if [ "$(cat "$venv/.requirements-sha256" 2>/dev/null)" != "$hash" ]; then
  step "installing kubernetes-validate into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r infra/kubernetes/requirements.txt
  echo "$hash" > "$venv/.requirements-sha256"
fi
promtool=$tools/usr/bin/promtool
if [ ! -x "$promtool" ]; then
  if command -v promtool >/dev/null 2>&1; then
    promtool=$(command -v promtool)
  else
    step "extracting promtool from Debian's prometheus package into $tools"
    mkdir -p "$tools"
    (cd "$work" && apt-get download prometheus >/dev/null 2>&1) || { apt-get update -qq && (cd "$work" && apt-get download prometheus >/dev/null 2>&1); }
    dpkg-deb --fsys-tarfile "$work"/prometheus_*.deb | tar -x -C "$tools" ./usr/bin/promtool
  fi
fi

# 3. Kubernetes manifests.
for overlay in region national; do
  kubectl kustomize "infra/kubernetes/overlays/$overlay" > "$work/$overlay.yaml" 2> "$work/$overlay.err" || {
    cat "$work/$overlay.err" >&2; exit 1; }
  for version in $KUBERNETES_VERSIONS; do
    "$venv/bin/kubernetes-validate" --quiet --strict -k "$version" "$work/$overlay.yaml"
  done
  grep -q '^kind: Deployment' "$work/$overlay.yaml" || { echo "check-deploy: $overlay rendered no Deployment" >&2; exit 1; }
done
step "overlays region and national render and validate against Kubernetes $KUBERNETES_VERSIONS ($(kubectl version --client 2>/dev/null | head -n 1))"
"$venv/bin/python" infra/kubernetes/check_policy.py "$work/region.yaml" "$work/national.yaml"
(cd infra/kubernetes && "$venv/bin/python" check_policy_test.py "$work/region.yaml")

# 4. Prometheus rules.
"$promtool" check rules infra/prometheus/alerts.yml >/dev/null
(cd infra/prometheus && "$promtool" test rules alerts_test.yml >/dev/null)
step "alert rules load and their unit tests pass ($("$promtool" --version 2>&1 | head -n 1))"
step "done in $(( $(date +%s) - started )) s"
