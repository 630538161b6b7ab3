"""Starts one test CAS server.

    python serve.py <state dir> <port> <services.json> <users.json>

services.json: [{"name": "...", "pattern": "^https://.../pronote/.*$"}]; each
service pattern releases every attribute ("*"). Or a Django fixture of
cas_server models (a list of {"model": ..., "pk": ..., "fields": ...}),
loaded with loaddata: its patterns release what it says. The database is a copy of
a template migrated once per venv (migrations take seconds), so a server
starts in well under a second. Serves http on 127.0.0.1:<port> with waitress
until killed.
"""
import json
import os
import shutil
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
state_dir, port, services_file, users_file = sys.argv[1:5]
os.environ["RELAIS_CAS_DIR"] = state_dir
os.environ["RELAIS_CAS_USERS"] = users_file
os.environ["DJANGO_SETTINGS_MODULE"] = "relais_cas.settings"

import django  # noqa: E402

template = os.path.join(os.path.dirname(sys.executable), "..", "relais-cas-template.sqlite3")
database = os.path.join(state_dir, "cas.sqlite3")
if os.path.exists(template) and not os.path.exists(database):
    shutil.copyfile(template, database)

django.setup()

from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0, interactive=False)
if not os.path.exists(template):
    tmp = template + ".%d" % os.getpid()
    shutil.copyfile(database, tmp)
    os.replace(tmp, template)

from cas_server.models import ReplaceAttributName, ServicePattern  # noqa: E402

ServicePattern.objects.all().delete()
with open(services_file, encoding="utf-8") as handle:
    services = json.load(handle)
if services and "model" in services[0]:
    # A Django fixture of service patterns (Relais's django-cas-server
    # export, issue 21): loaded as the CAS's administrator would.
    call_command("loaddata", services_file, verbosity=0)
    services = []
for position, service in enumerate(services):
    pattern = ServicePattern.objects.create(
        pos=position + 1,
        name=service["name"],
        pattern=service["pattern"],
        single_log_out=False,
    )
    ReplaceAttributName.objects.create(name="*", service_pattern=pattern)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from waitress import serve  # noqa: E402

serve(get_wsgi_application(), host="127.0.0.1", port=int(port), threads=4, _quiet=True)
