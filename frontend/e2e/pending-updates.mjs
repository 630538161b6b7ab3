// Seeds bases with a pending model update through the API, for the
// operator's « Mises à jour de modèles » journey and its benchmark: an own
// list of models with one model, `count` new establishments each served by
// a new (stopped) base that applies the model, then a new revision of the
// model — every one of those bases then has an update waiting (version 2).

const CHECK_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** A valid UAI: 7 digits and the check letter they call for. */
export function uai(digits) {
  return `${digits}${CHECK_LETTERS[Number(digits) % 23]}`;
}

export async function api(url, query, variables = {}, token) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

function feed(name, root) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ListeModeles xmlns="urn:relais:models:1" version="relais-models/1">
<ENT><Nom>${name}</Nom><Localisation>Région de démonstration</Localisation>
<PronoteNet><Url_ServeurCAS><UrlRacine>${root}</UrlRacine></Url_ServeurCAS>
<ModeIdentificationPremiereConnexion><AvecIdentite><AttributNom>nom</AttributNom>
<AttributPrenom>prenom</AttributPrenom><AttributDateNaissance>dateNaissance</AttributDateNaissance>
<AttributProfil>categories</AttributProfil><ValeursProfil><Profil code="ELEVE">National_1</Profil>
</ValeursProfil></AvecIdentite></ModeIdentificationPremiereConnexion></PronoteNet></ENT>
</ListeModeles>
`;
}

/** Runs `task` over `items`, `width` at a time. */
async function pool(items, width, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await task(items[i], i);
      }
    }),
  );
}

/**
 * `count` bases with a pending update of the model `name`; their
 * establishments are numbered from `first` in department 0 + `department`.
 * Answers the model's id and the bases ({ id, groupUai }).
 */
export async function seedPendingUpdates(url, token, { name, count, department = '49', first = 0, width = 4 }) {
  const source = (await api(url, 'mutation($n: String!) { createModelSource(input: { name: $n }) { id } }', { n: `Liste « ${name} »` }, token)).createModelSource.id;
  const install = (root) => api(url, 'mutation($s: ID!, $x: String!) { importModels(sourceId: $s, feedXml: $x) { basesWithPendingUpdate } }', { s: source, x: feed(name, root) }, token);
  await install('https://ent.exemple.fr/cas');
  const models = (await api(url, '{ models { id name } }', {}, token)).models;
  const model = models.find((m) => m.name === name).id;
  const bases = new Array(count);
  await pool(
    Array.from({ length: count }, (_, i) => i),
    width,
    async (i) => {
      const code = uai(`0${department}${String(first + i).padStart(4, '0')}`);
      const establishment = (
        await api(url, 'mutation($u: String!, $n: String!) { createEstablishment(input: { uai: $u, name: $n, kind: COLLEGE, commune: "Angers" }) { id } }', { u: code, n: `Collège de mesure ${first + i}` }, token)
      ).createEstablishment.id;
      const base = (
        await api(
          url,
          'mutation($e: ID!, $p: String!) { createBase(input: { groupEstablishmentId: $e, fields: { hosting: HOSTED, schoolYear: "2026-2027", publicUrl: $p } }) { id } }',
          { e: establishment, p: `https://${code.toLowerCase()}.index-education.net/pronote` },
          token,
        )
      ).createBase.id;
      await api(url, 'mutation($b: ID!, $m: ID!) { applyModel(baseId: $b, modelId: $m, expectedVersion: 1) { base { version } } }', { b: base, m: model }, token);
      bases[i] = { id: base, groupUai: code };
    },
  );
  const report = (await install('https://cas.exemple.fr/cas')).importModels;
  if (report.basesWithPendingUpdate !== count) throw new Error(`${report.basesWithPendingUpdate} pending updates instead of ${count}`);
  return { model, bases };
}
