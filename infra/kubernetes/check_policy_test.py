#!/usr/bin/env python3
"""Tests of check_policy.py: each mutation of a rendered, passing manifest
breaks one rule, and the check must name it.

    check_policy_test.py RENDERED.yaml
"""
import copy
import sys

import yaml

import check_policy


def container(doc):
    return check_policy.pod_spec(doc)["containers"][0]


def security(doc):
    return container(doc).setdefault("securityContext", {})


def pod_security(doc):
    return check_policy.pod_spec(doc).setdefault("securityContext", {})


def as_root(doc):
    pod_security(doc)["runAsUser"] = 0
    pod_security(doc)["runAsNonRoot"] = False
    security(doc).pop("runAsNonRoot", None)


MUTATIONS = {
    "missing livenessProbe": lambda d: container(d).pop("livenessProbe"),
    "missing readinessProbe": lambda d: container(d).pop("readinessProbe"),
    "runs as root (runAsUser: 0)": as_root,
    "may run as root": lambda d: (pod_security(d).pop("runAsNonRoot"), security(d).pop("runAsNonRoot")),
    "writable root filesystem": lambda d: security(d).__setitem__("readOnlyRootFilesystem", False),
    "privilege escalation allowed": lambda d: security(d).pop("allowPrivilegeEscalation"),
    "privileged container": lambda d: security(d).__setitem__("privileged", True),
    "capabilities not dropped": lambda d: security(d).pop("capabilities"),
    "capabilities added": lambda d: security(d)["capabilities"].__setitem__("add", ["NET_ADMIN"]),
    "no seccomp profile": lambda d: pod_security(d).pop("seccompProfile"),
    "secret in an environment variable: RELAIS_DATABASE__URL (secretKeyRef)": lambda d: container(d)
    .setdefault("env", [])
    .append({"name": "RELAIS_DATABASE__URL", "valueFrom": {"secretKeyRef": {"name": "relais-secrets", "key": "database-url"}}}),
    "secret in an environment variable: RELAIS_AUTH__JWT_SECRET has a literal value": lambda d: container(d)
    .setdefault("env", [])
    .append({"name": "RELAIS_AUTH__JWT_SECRET", "value": "0123456789abcdef0123456789abcdef"}),
    "secret in environment variables (envFrom secretRef)": lambda d: container(d)
    .setdefault("envFrom", [])
    .append({"secretRef": {"name": "relais-secrets"}}),
    "image without a pinned tag": lambda d: container(d).__setitem__("image", "registry.example.fr/relais:latest"),
    "missing memory limit": lambda d: container(d)["resources"].pop("limits"),
    "hostNetwork is true": lambda d: check_policy.pod_spec(d).__setitem__("hostNetwork", True),
    "service account token mounted": lambda d: check_policy.pod_spec(d).pop("automountServiceAccountToken"),
}


def main(path):
    with open(path, encoding="utf-8") as stream:
        docs = [d for d in yaml.safe_load_all(stream) if isinstance(d, dict)]
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    failures = []
    if check_policy.check(deployment):
        failures.append(f"the rendered Deployment itself fails: {check_policy.check(deployment)}")
    # A *_FILE variable naming a file is fine; so is a secret mounted as files.
    allowed = copy.deepcopy(deployment)
    container(allowed).setdefault("env", []).append({"name": "RELAIS_AUTH__JWT_SECRET_FILE", "value": "/run/secrets/relais/jwt-secret"})
    if check_policy.check(allowed):
        failures.append(f"a *_FILE variable is refused: {check_policy.check(allowed)}")
    for expected, mutate in MUTATIONS.items():
        bad = copy.deepcopy(deployment)
        mutate(bad)
        problems = check_policy.check(bad)
        if not any(expected in problem for problem in problems):
            failures.append(f"not caught: {expected!r} (the check said {problems})")
    # The migration Job needs no probe, but the same hardening.
    job = next(d for d in docs if d["kind"] == "Job")
    if check_policy.check(job):
        failures.append(f"the rendered Job fails: {check_policy.check(job)}")
    bad_job = copy.deepcopy(job)
    security(bad_job)["readOnlyRootFilesystem"] = False
    if not any("writable root filesystem" in p for p in check_policy.check(bad_job)):
        failures.append("not caught: a Job with a writable root filesystem")
    for failure in failures:
        print(f"policy self-test: {failure}")
    if failures:
        return 1
    print(f"policy self-test: {len(MUTATIONS) + 1} bad manifests caught, 3 good ones passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
