"""Footprint of one Relais replica, for the sizing of docs/operations.md:
resident memory idle, after seeding and under load; CPU time per request;
PostgreSQL size per establishment, base and ENT account; size of the files
Relais stores (account-matching file of an establishment).

Usage: footprint.py <relais binary> <postgres url without database>
(scripts/bench-footprint.sh builds the release binary and calls it).
"""
import base64
import http.client
import json
import os
import pathlib
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

binary, pg = sys.argv[1], sys.argv[2].rstrip("/")
root = pathlib.Path(__file__).resolve().parent.parent
db = f"relais_footprint_{os.getpid()}"
ACCOUNTS_PER_ESTABLISHMENT = 700
ESTABLISHMENTS_WITH_ACCOUNTS = 100
LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def psql(sql, database=db):
    return subprocess.run(["psql", "-qAt", f"{pg}/{database}", "-c", sql], check=True,
                          capture_output=True, text=True).stdout.strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_kib(pid, field):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Client:
    """One connection per request: the server closes idle keep-alive ones."""

    def __init__(self, port):
        self.port = port
        self.token = None

    @property
    def conn(self):
        self._conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        return self._conn

    def gql(self, query, variables=None):
        body = json.dumps({"query": query, "variables": variables or {}})
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        conn = self.conn
        conn.request("POST", "/graphql", body, headers)
        answer = json.loads(conn.getresponse().read())
        if answer.get("errors"):
            raise SystemExit(f"footprint: {answer['errors']}")
        return answer["data"]

    def upload(self, query, variables, name, content):
        boundary = "relais-footprint-boundary"
        operations = json.dumps({"query": query, "variables": {**variables, "file": None}})
        parts = [
            ("operations", None, operations.encode()),
            ("map", None, json.dumps({"0": ["variables.file"]}).encode()),
            ("0", name, content),
        ]
        body = b""
        for field, filename, data in parts:
            disposition = f'form-data; name="{field}"' + (f'; filename="{filename}"' if filename else "")
            body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + data + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        conn = self.conn
        conn.request("POST", "/graphql", body, {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Authorization": f"Bearer {self.token}"})
        answer = json.loads(conn.getresponse().read())
        if answer.get("errors"):
            raise SystemExit(f"footprint: {answer['errors']}")
        return answer["data"]


def directory_csv():
    """ENT accounts of the first establishments of seed_region.py: pupils,
    their parents, teachers and staff."""
    lines = ["id_ent;nom;prenom;date_naissance;profil;uai;sexe;civilite;eleves"]
    for e in range(ESTABLISHMENTS_WITH_ACCOUNTS):
        digits = f"{450000 + e:07d}"
        uai = f"{digits}{LETTERS[int(digits) % 23]}"
        pupils = []
        for p in range(500):
            pupil = f"E{e:04d}{p:04d}"
            pupils.append(pupil)
            lines.append(f"{pupil};NOM{p % 397};Prénom{p % 211};{1 + p % 28:02d}/{1 + p % 12:02d}/{2008 + p % 7};Élève;{uai};{'FM'[p % 2]};;")
        for g in range(150):
            children = "|".join(pupils[g * 3:g * 3 + 1 + g % 3])
            lines.append(f"P{e:04d}{g:04d};NOM{g % 397};Parent{g % 97};;Parent;{uai};;{['M.', 'Mme'][g % 2]};{children}")
        for t in range(ACCOUNTS_PER_ESTABLISHMENT - 650):
            profile = "Enseignant" if t < 40 else "Personnel"
            lines.append(f"T{e:04d}{t:04d};NOM{t};Agent{t};;{profile};{uai};;;")
    return ("\n".join(lines) + "\n").encode()


def table_sizes():
    rows = psql("SELECT relname, pg_total_relation_size(relid), n_live_tup FROM pg_stat_user_tables")
    sizes = {}
    for row in rows.splitlines():
        name, size, count = row.split("|")
        sizes[name] = (int(size), int(count))
    return sizes


def wrk(port, script, connections, seconds, token):
    env = {**os.environ, "RELAIS_BENCH_TOKEN": token}
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script,
                          f"http://127.0.0.1:{port}/graphql"], env=env, check=True,
                         capture_output=True, text=True).stdout
    if "Non-2xx" in out:
        raise SystemExit(out)
    requests = int(next(l for l in out.splitlines() if "requests in" in l).split()[0])
    p99 = next(l for l in out.splitlines() if l.strip().startswith("99%")).split()[1]
    return requests, p99


def main():
    psql(f"CREATE DATABASE {db}", database="postgres")
    work = tempfile.mkdtemp()
    port = free_port()
    env = {**os.environ, "RELAIS_DATA_DIR": work, "RELAIS_HTTP__PORT": str(port),
           "RELAIS_LOG__LEVEL": "warn", "RELAIS_DATABASE__URL": f"{pg}/{db}",
           "RELAIS_BOOTSTRAP__ADMIN_EMAIL": "admin@bench.test",
           "RELAIS_BOOTSTRAP__ADMIN_PASSWORD": "bench-admin-password",
           "RELAIS_NEW_USER_PASSWORD": "bench-operator-password",
           "RELAIS_HTTP__WORKERS": "2"}
    subprocess.run([binary, "admin", "create-tenant", "--slug", "bench", "--name", "Opérateur de mesure",
                    "--contact-email", "contact@bench.test", "--helpdesk-email", "assistance@bench.test"],
                   env=env, check=True, capture_output=True)
    subprocess.run([binary, "admin", "create-user", "--email", "operateur@bench.test", "--name", "Opératrice",
                    "--role", "OPERATOR_ADMIN", "--tenant", "bench"], env=env, check=True, capture_output=True)
    server = subprocess.Popen([binary, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(1)
        results = {"rss_idle_mib": status_kib(server.pid, "VmRSS") / 1024}
        empty_db = int(psql("SELECT pg_database_size(current_database())"))
        client = Client(port)
        client.token = client.gql('mutation { login(email: "operateur@bench.test", password: "bench-operator-password") { accessToken } }')["login"]["accessToken"]

        started = time.time()
        subprocess.run([sys.executable, str(root / "bench/seed_region.py"), f"http://127.0.0.1:{port}/graphql",
                        client.token], check=True)
        results["seed_seconds"] = time.time() - started
        seeded = table_sizes()
        seeded_db = int(psql("SELECT pg_database_size(current_database())"))

        csv = directory_csv()
        started = time.time()
        imported = client.upload("mutation($file: Upload!) { importEntAccounts(file: $file, mode: COMPLETE) { committed accounts errors } }",
                                 {}, "comptes.csv", csv)["importEntAccounts"]
        assert imported["committed"], imported
        results["import_seconds"] = time.time() - started
        results["accounts"] = imported["accounts"]
        results["csv_mib"] = len(csv) / 2**20
        psql("VACUUM ANALYZE")
        with_accounts = table_sizes()
        results["rss_after_seed_mib"] = status_kib(server.pid, "VmRSS") / 1024

        fixtures = root / "backend/formats/tests/fixtures"
        client.gql("mutation($i: ExchangeSettingsInput!) { updateExchangeSettings(input: $i) { partnerId } }", {"i": {
            "partnerId": "ENT-MESURE", "partnerName": "Mesure",
            "indexEducationPublicKeyPem": (fixtures / "index-education-test.pub.pem").read_text(),
            "partnerPrivateKeyPem": (fixtures / "partner-test.pem").read_text()}})
        first = client.gql('{ establishments(first: 1, filter: {uaiPrefix: "0450000"}) { nodes { id uai } } }')["establishments"]["nodes"][0]
        stored = client.gql("mutation($e: ID!) { generateAccountMatchingFile(establishmentId: $e) { size } }",
                            {"e": first["id"]})["generateAccountMatchingFile"]
        results["file_a_bytes"] = int(stored["size"])
        objects = sum(f.stat().st_size for f in pathlib.Path(work, "objects").rglob("*") if f.is_file())
        results["file_a_stored_bytes"] = objects

        # Load: dashboards, then light authenticated queries; peak RSS sampled.
        peak = [0]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], status_kib(server.pid, "VmRSS"))
                time.sleep(0.1)
        sampler = threading.Thread(target=sample)
        sampler.start()
        cpu_before = cpu_seconds(server.pid)
        dash_requests, dash_p99 = wrk(port, str(root / "bench/dashboard.lua"), 4, 20, client.token)
        cpu_mid = cpu_seconds(server.pid)
        me_requests, me_p99 = wrk(port, str(root / "bench/graphql-me.lua"), 32, 20, client.token)
        cpu_after = cpu_seconds(server.pid)
        done.set()
        sampler.join()
        results.update({
            "rss_peak_load_mib": peak[0] / 1024,
            "vm_hwm_mib": status_kib(server.pid, "VmHWM") / 1024,
            "dashboard_rps": dash_requests / 20, "dashboard_p99": dash_p99,
            "dashboard_cpu_ms": 1000 * (cpu_mid - cpu_before) / dash_requests,
            "me_rps": me_requests / 20, "me_p99": me_p99,
            "me_cpu_ms": 1000 * (cpu_after - cpu_mid) / me_requests,
        })
    finally:
        server.terminate()
        server.wait(timeout=60)
        psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)", database="postgres")

    def per(table, sizes):
        size, count = sizes.get(table, (0, 0))
        return size, count, (size / count if count else 0)

    print("\n## Footprint (release build, PostgreSQL, one replica, 2 HTTP workers)\n")
    print("| measure | value |\n|---|---:|")
    print(f"| RSS idle after start | {results['rss_idle_mib']:.1f} MiB |")
    print(f"| RSS after seeding 10,000 establishments, 3,000 bases, {results['accounts']:,} ENT accounts | {results['rss_after_seed_mib']:.1f} MiB |")
    print(f"| RSS peak under load (dashboards, then 32 connections of light queries) | {results['rss_peak_load_mib']:.1f} MiB (VmHWM {results['vm_hwm_mib']:.1f} MiB) |")
    print(f"| dashboard (1,000 rows): req/s, p99, CPU per request | {results['dashboard_rps']:.1f}, {results['dashboard_p99']}, {results['dashboard_cpu_ms']:.1f} ms |")
    print(f"| `me` query: req/s, p99, CPU per request | {results['me_rps']:.0f}, {results['me_p99']}, {results['me_cpu_ms']:.2f} ms |")
    print(f"| database: empty (migrated) → seeded (10,000 establishments, 3,000 bases) | {empty_db / 2**20:.1f} → {seeded_db / 2**20:.1f} MiB |")
    for table in ("establishments", "pronote_bases", "base_members", "audit_events"):
        size, count, each = per(table, seeded)
        print(f"| table {table}: rows, size with indexes, bytes per row | {count:,}, {size / 2**20:.1f} MiB, {each:.0f} B |")
    size, count, each = per("ent_accounts", with_accounts)
    print(f"| table ent_accounts: rows, size with indexes, bytes per row | {count:,}, {size / 2**20:.1f} MiB, {each:.0f} B |")
    print(f"| directory CSV of {results['accounts']:,} accounts: size, import time | {results['csv_mib']:.1f} MiB, {results['import_seconds']:.1f} s |")
    print(f"| account-matching file (A) of one establishment of {ACCOUNTS_PER_ESTABLISHMENT} accounts: size, stored (encrypted) | {results['file_a_bytes']:,} B, {results['file_a_stored_bytes']:,} B |")
    print(json.dumps(results), file=sys.stderr)


if __name__ == "__main__":
    main()
