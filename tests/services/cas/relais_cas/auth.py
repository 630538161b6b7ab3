"""Users of the test CAS server, read from the JSON file named by the
environment variable RELAIS_CAS_USERS at every login, so a test can change
a user's password or attributes without restarting the server.

The file: {"<login>": {"password": "...", "attributes": {"nom": "...",
"categories": ["National_1"], ...}}, ...}
"""
import json
import os

from cas_server.auth import AuthUser


def _users():
    with open(os.environ["RELAIS_CAS_USERS"], encoding="utf-8") as handle:
        return json.load(handle)


class JsonAuthUser(AuthUser):
    """django-cas-server authentication class over the users file."""

    def __init__(self, username):
        self.user = _users().get(username)
        super().__init__(username)

    def test_password(self, password):
        return self.user is not None and self.user.get("password") == password

    def attributs(self):
        if self.user is None:
            return {}
        return dict(self.user.get("attributes", {}))
