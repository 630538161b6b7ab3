#!/usr/bin/env python3
"""Policy check of rendered Kubernetes manifests (docs/operations.md,
"Kubernetes"): fails on what an operator's security review would refuse.

    check_policy.py FILE...   (multi-document YAML, e.g. `kubectl kustomize` output)

For every pod template (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
CronJob, Pod), every container and init container must:
- run as non-root (runAsNonRoot true and no runAsUser 0, pod or container),
- have a read-only root filesystem,
- not allow privilege escalation, not be privileged, drop ALL capabilities
  and add none,
- use the RuntimeDefault (or a Localhost) seccomp profile,
- take no secret through the environment: no secretKeyRef, no envFrom
  secretRef, no literal value for a variable whose name says secret
  (PASSWORD, SECRET, TOKEN, KEY, CREDENTIAL, DATABASE__URL) unless it names
  a file (_FILE),
- name an image with a tag or digest other than latest;
long-running workloads (all but Job, CronJob) must also have liveness and
readiness probes, CPU and memory requests and a memory limit. Pods must not
share the host's network, PID or IPC namespaces, nor mount the service
account token (Relais never calls the Kubernetes API).

Prints one line per violation and exits 1 if there is any.
"""
import re
import sys

import yaml

WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"}
BATCH = {"Job", "CronJob"}
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL|DATABASE__URL", re.IGNORECASE)


def pod_spec(doc):
    kind = doc.get("kind")
    spec = doc.get("spec") or {}
    if kind == "Pod":
        return spec
    if kind == "CronJob":
        return ((((spec.get("jobTemplate") or {}).get("spec") or {}).get("template") or {}).get("spec")) or {}
    return ((spec.get("template") or {}).get("spec")) or {}


def check_container(where, container, pod, long_running):
    problems = []
    pod_sc = pod.get("securityContext") or {}
    sc = container.get("securityContext") or {}

    def setting(key):
        return sc[key] if key in sc else pod_sc.get(key)

    if setting("runAsNonRoot") is not True:
        problems.append("may run as root (runAsNonRoot is not true)")
    if setting("runAsUser") == 0:
        problems.append("runs as root (runAsUser: 0)")
    if sc.get("readOnlyRootFilesystem") is not True:
        problems.append("writable root filesystem (readOnlyRootFilesystem is not true)")
    if sc.get("allowPrivilegeEscalation") is not False:
        problems.append("privilege escalation allowed (allowPrivilegeEscalation is not false)")
    if sc.get("privileged") is True:
        problems.append("privileged container")
    capabilities = sc.get("capabilities") or {}
    if "ALL" not in (capabilities.get("drop") or []):
        problems.append("capabilities not dropped (capabilities.drop lacks ALL)")
    if capabilities.get("add"):
        problems.append(f"capabilities added: {capabilities['add']}")
    seccomp = (sc.get("seccompProfile") or pod_sc.get("seccompProfile") or {}).get("type")
    if seccomp not in ("RuntimeDefault", "Localhost"):
        problems.append("no seccomp profile (seccompProfile.type RuntimeDefault)")
    for env in container.get("env") or []:
        name = env.get("name", "")
        if ((env.get("valueFrom") or {}).get("secretKeyRef")) is not None:
            problems.append(f"secret in an environment variable: {name} (secretKeyRef); mount it as a file and use a *_file key")
        elif "value" in env and SECRET_NAME.search(name) and not name.upper().endswith("_FILE"):
            problems.append(f"secret in an environment variable: {name} has a literal value; use a *_file key")
    for source in container.get("envFrom") or []:
        if source.get("secretRef") is not None:
            problems.append("secret in environment variables (envFrom secretRef); mount it as files")
    image = container.get("image", "")
    if "@" not in image and (":" not in image.rsplit("/", 1)[-1] or image.endswith(":latest")):
        problems.append(f"image without a pinned tag: {image!r}")
    if long_running:
        for probe in ("livenessProbe", "readinessProbe"):
            if not container.get(probe):
                problems.append(f"missing {probe}")
        resources = container.get("resources") or {}
        requests = resources.get("requests") or {}
        limits = resources.get("limits") or {}
        if "cpu" not in requests or "memory" not in requests:
            problems.append("missing CPU or memory request")
        if "memory" not in limits:
            problems.append("missing memory limit")
    return [f"{where}: {problem}" for problem in problems]


def check(doc):
    kind = doc.get("kind")
    if kind not in WORKLOADS:
        return []
    name = (doc.get("metadata") or {}).get("name", "?")
    pod = pod_spec(doc)
    problems = []
    for flag in ("hostNetwork", "hostPID", "hostIPC"):
        if pod.get(flag) is True:
            problems.append(f"{kind}/{name}: {flag} is true")
    if pod.get("automountServiceAccountToken") is not False:
        problems.append(f"{kind}/{name}: service account token mounted (automountServiceAccountToken is not false)")
    containers = [("container", c) for c in pod.get("containers") or []]
    containers += [("init container", c) for c in pod.get("initContainers") or []]
    if not containers:
        problems.append(f"{kind}/{name}: no container")
    for role, container in containers:
        where = f"{kind}/{name} {role} {container.get('name', '?')}"
        long_running = kind not in BATCH and role == "container"
        problems += check_container(where, container, pod, long_running)
    return problems


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    problems = []
    workloads = 0
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            for doc in yaml.safe_load_all(stream):
                if not isinstance(doc, dict):
                    continue
                workloads += doc.get("kind") in WORKLOADS
                problems += [f"{path}: {p}" for p in check(doc)]
    for problem in problems:
        print(f"POLICY: {problem}")
    if not problems:
        print(f"policy: {workloads} workload(s) in {len(paths)} file(s) pass")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
