"""Seeds a benchmark region through the GraphQL API: 10,000 establishments
(CSV import), then one PRONOTE base per establishment for the first 3,000
(every tenth a cité scolaire of two), two thirds configured from the
operator's default ENT model and published.

Usage: seed_region.py <graphql url> <token>
"""
import base64
import http.client
import json
import sys
import urllib.parse

url, token = sys.argv[1], sys.argv[2]
parts = urllib.parse.urlsplit(url)
conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def gql(query, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}})
    conn.request("POST", parts.path, body, {
        "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    answer = json.loads(conn.getresponse().read())
    if answer.get("errors"):
        raise SystemExit(f"seed: {answer['errors']}")
    return answer["data"]


# The operator's default ENT model: recommended settings come from it (issue
# 14), and the dashboard shows it (model, modelStatus).
FEED = ('<?xml version="1.0" encoding="UTF-8"?>\n<ListeModeles xmlns="urn:relais:models:1" version="relais-models/1">'
        '<ENT><Nom>ENT de mesure</Nom><Localisation>Région de mesure</Localisation><PronoteNet>'
        '<ModeIdentificationPremiereConnexion><AvecIdentite><AttributNom>nom</AttributNom>'
        '<AttributPrenom>prenom</AttributPrenom><AttributDateNaissance>dateNaissance</AttributDateNaissance>'
        '<AttributCodePostal>codePostal</AttributCodePostal><AttributProfil>categories</AttributProfil>'
        '<ValeursProfil><Profil code="ELEVE">National_1</Profil><Profil code="PARENT">National_2</Profil>'
        '<Profil code="PROFESSEUR">National_3</Profil><Profil code="PERSONNEL">National_4</Profil></ValeursProfil>'
        '</AvecIdentite></ModeIdentificationPremiereConnexion></PronoteNet></ENT></ListeModeles>')
source = gql('mutation { createModelSource(input: { name: "Modèles de mesure" }) { id } }')["createModelSource"]["id"]
gql("mutation($s: ID!, $x: String!) { importModels(sourceId: $s, feedXml: $x) { added } }", {"s": source, "x": FEED})
model = next(m["id"] for m in gql("{ models { id name } }")["models"] if m["name"] == "ENT de mesure")
gql("mutation($m: ID!) { setDefaultModel(modelId: $m) { id } }", {"m": model})

lines = ["uai;nom;type;commune;code_postal;academie;etat"]
for i in range(10_000):
    digits = f"{450000 + i:07d}"
    lines.append(f"{digits}{LETTERS[int(digits) % 23]};Établissement {i};Collège;Orléans;45000;Orléans-Tours;Ouvert")
content = base64.b64encode(("\n".join(lines) + "\n").encode()).decode()
created = gql("mutation($i: ImportEstablishmentsInput!) { importEstablishments(input: $i) { created } }",
              {"i": {"contentBase64": content, "commit": True}})["importEstablishments"]["created"]
assert created == 10_000, created

ids, after = [], None
while len(ids) < 3_300:
    page = gql("query($a: String) { establishments(first: 100, after: $a) { nodes { id } pageInfo { endCursor } } }",
               {"a": after})["establishments"]
    ids += [n["id"] for n in page["nodes"]]
    after = page["pageInfo"]["endCursor"]

bases = 0
for i in range(3_000):
    others = [ids[3_000 + i // 10]] if i % 10 == 0 else []
    base = gql("mutation($i: CreateBaseInput!) { createBase(input: $i) { id version } }", {"i": {
        "groupEstablishmentId": ids[i], "otherEstablishmentIds": others,
        "fields": {"hosting": "HOSTED" if i % 2 else "SELF_HOSTED", "schoolYear": "2026-2027",
                   "publicUrl": f"https://pronote{i}.example.fr/pronote", "entCredentialsDistributed": i % 5 != 0}}})["createBase"]
    bases += 1
    if i % 3:
        base = gql("mutation($id: ID!, $v: Int!) { applyRecommendedSettings(baseId: $id, version: $v, casRoot: \"https://cas.example.fr/cas\") { id version } }",
                   {"id": base["id"], "v": base["version"]})["applyRecommendedSettings"]
        gql("mutation($id: ID!, $v: Int!) { setPublication(baseId: $id, version: $v, publication: PUBLISHED) { id } }",
            {"id": base["id"], "v": base["version"]})
print(f"seeded 10000 establishments, {bases} bases", file=sys.stderr)
