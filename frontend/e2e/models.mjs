// End-to-end journey of the operator's « Modèles » screens (issue 17) on a
// real `relais serve --demo`, in Debian's Chromium:
// - the demo's feed source (`/demo/modeles.xml`, which serves a newer
//   NetO'Centre: `National_7` added to the Personnel profile's values) is
//   read with « Actualiser maintenant »: the last fetch is updated, the
//   report names one model changed, a second catalog version appears, and
//   a second read finds nothing new;
// - NetO'Centre's page shows its two revisions and the diff between them,
//   in either order, naming that change for each of the model's two
//   clients and nothing else;
// - a test account with a blank identifier is refused with the API's
//   French message and nothing is stored, then a good one is stored (its
//   password never shown again); « Valider le modèle » is refused until the
//   four accounts are there, then gives each account's result with its
//   reason — the model's CAS server cannot be reached from the test
//   machine, so each one honestly fails at the login page — and the result
//   is kept with the revision;
// - the model's page is checked with the keyboard only;
// - a school administrator reaching `/modeles` or a model's page gets
//   « Accès refusé », and no model, revision or source is asked for or
//   shown; the API refuses them reading the feed, writing test accounts and
//   validating (reading models is not refused: a school picks its base's
//   model).
// axe-core on every state: 0 serious or critical violations.
//
// The periodic jobs are off (RELAIS_JOBS__ENABLED=false): the demo source's
// cron reads the feed every minute, and the journey must know that its own
// click is what reads the new version.
//
// RELAIS_BIN: the relais binary (default: $CARGO_TARGET_DIR/debug/relais).
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { api, audit, check, checkNoConsoleErrors, chromiumPath, DEMO_PASSWORD, fail, finish, OPERATOR, SCHOOL, shots, signIn, tearDown, watchConsole } from './journey.mjs';
import { keyboardOnly } from './keyboard.mjs';
import { startRelais } from './relais.mjs';

const SOURCE = 'Modèles des ENT (démonstration)';
const MODEL = /^NetO'Centre/;
const ADDED_VALUE = 'National_7';
const ACCOUNTS = [
  { profile: 'PERSONNEL', label: 'Personnel', identifier: 'neto.personnel.test' },
  { profile: 'PROFESSEUR', label: 'Professeur', identifier: 'neto.professeur.test' },
  { profile: 'ELEVE', label: 'Élève', identifier: 'neto.eleve.test' },
  { profile: 'PARENT', label: 'Parent', identifier: 'neto.parent.test' },
];
const TEST_PASSWORD = 'mot-de-passe-de-test-7319';
const LOGIN = 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}';

/** The values of a diff cell as a set (the API writes a list of values). */
function values(text) {
  return new Set(
    (text ?? '')
      .split(/[,;\s]+/)
      .map((v) => v.trim())
      .filter((v) => v && v !== '—'),
  );
}

async function main() {
  const relais = await startRelais('debug', { env: { RELAIS_JOBS__ENABLED: 'false' } });
  const { url } = relais;
  console.log(`relais serve --demo sur ${url}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const errors = [];
  try {
    const token = (await api(url, LOGIN, { e: OPERATOR, p: DEMO_PASSWORD })).login.accessToken;
    const seeded = await api(url, '{ modelSources { id name kind lastFetchedAt } models { id name revision } }', {}, token);
    const source = seeded.modelSources.find((s) => s.name === SOURCE);
    const model = seeded.models.find((m) => MODEL.test(m.name));
    if (!source || source.kind !== 'FEED' || !model) throw new Error('the demo has no feed source or no NetO’Centre model');
    const seededAt = Date.parse(source.lastFetchedAt ?? '');
    check(!Number.isNaN(seededAt) && model.revision === 1, 'avant « Actualiser maintenant », la source a sa première version (installée au démarrage) et NetO’Centre une seule révision');

    const a = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
    const page = await a.newPage();
    watchConsole(page, 'opérateur', errors);

    console.log('Modèles : actualiser la source');
    await page.goto(`${url}/modeles`);
    await page.waitForURL(/\/connexion\?retour=/);
    await signIn(page, OPERATOR);
    await page.waitForURL(/\/modeles$/);
    await page.getByRole('heading', { name: 'Modèles', level: 1 }).waitFor();
    const card = page.getByRole('region', { name: SOURCE });
    await card.waitFor();
    const row = (name) => card.locator('tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${name}$`) }) }).locator('td');
    check((await row('Adresse du flux').textContent()) === `${url}/demo/modeles.xml`, 'la source montre l’adresse de son flux');
    check((await row('Planning \\(cron, heure de Paris\\)').textContent()) === '0 * * * * *', 'la source montre son planning (cron)');
    const fetchedAt = async () => Date.parse((await row('Dernière lecture').locator('time').getAttribute('datetime')) ?? '');
    check((await fetchedAt()) === seededAt, 'la dernière lecture est celle de l’installation');
    const seededText = (await row('Dernière lecture').textContent()) ?? '';
    const modelRow = card.getByRole('table', { name: /modèles? de « / }).getByRole('row').filter({ has: page.getByRole('link', { name: MODEL }) });
    check((await modelRow.getByRole('cell').nth(2).textContent()) === '1', 'NetO’Centre est listé en révision 1');

    await card.getByRole('button', { name: 'Versions du catalogue' }).click();
    const versions = card.getByRole('table', { name: `Versions du catalogue de « ${SOURCE} », de la plus récente à la plus ancienne` });
    await versions.waitFor();
    check((await versions.locator('tbody tr').count()) === 1, 'le catalogue a une seule version avant la lecture');
    await audit(page, 'Modèles');

    const clicked = Date.now();
    await card.getByRole('button', { name: `Actualiser maintenant ${SOURCE}` }).click();
    const report = card.getByRole('status').filter({ hasText: /^Nouvelle version|^Rien de nouveau/ });
    await report.waitFor({ timeout: 30_000 });
    const reportText = (await report.textContent()) ?? '';
    check(
      /^Nouvelle version : 0 ajouté\(s\), 1 modifié\(s\), 0 retiré\(s\) ; \d+ bases? (a|ont) une mise à jour en attente\.$/.test(reportText),
      `« Actualiser maintenant » rapporte un modèle modifié : « ${reportText} »`,
    );
    // Shown to the second: this fetch is after the click, so it differs from the installation's.
    const lastFetch = row('Dernière lecture').filter({ hasNotText: seededText });
    await lastFetch.waitFor();
    const fetchedText = (await lastFetch.textContent()) ?? '';
    const refreshedAt = await fetchedAt();
    check(refreshedAt > seededAt && refreshedAt >= clicked - 1000 && refreshedAt <= Date.now() + 1000, `la dernière lecture est mise à jour : « ${seededText} » → « ${fetchedText} »`);
    check((await row('Dernière lecture réussie').textContent()) === fetchedText, 'la dernière lecture réussie est la même');
    check((await row('Dernière erreur').textContent()) === 'Aucune', 'aucune erreur de lecture');
    await versions.locator('tbody tr').nth(1).waitFor();
    const newest = await versions.locator('tbody tr').first().getByRole('cell').allTextContents();
    check(
      (await versions.locator('tbody tr').count()) === 2 && newest[1] === String(seeded.models.length) && newest[2] === '0' && newest[3] === '1' && newest[4] === '0',
      `une nouvelle version du catalogue apparaît en tête : ${newest.join(' | ')}`,
    );
    await modelRow.getByRole('cell').nth(2).filter({ hasText: /^2$/ }).waitFor();
    check(true, 'NetO’Centre est listé en révision 2');
    await audit(page, 'Modèles (flux lu)');
    await page.screenshot({ path: join(shots, '60-modeles.png'), fullPage: true });

    await card.getByRole('button', { name: `Actualiser maintenant ${SOURCE}` }).click();
    await card.getByRole('status').filter({ hasText: 'Rien de nouveau : le flux n’a pas changé depuis la dernière lecture.' }).waitFor({ timeout: 30_000 });
    check((await versions.locator('tbody tr').count()) === 2, 'une seconde lecture ne trouve rien de nouveau et n’ajoute aucune version');

    console.log('Un modèle : révisions et différence');
    const modelName = (await card.getByRole('link', { name: MODEL }).textContent()) ?? '';
    await card.getByRole('link', { name: MODEL }).click();
    await page.waitForURL(new RegExp(`/modeles/${model.id}$`));
    await page.getByRole('heading', { name: modelName, level: 1 }).waitFor();
    check(await page.getByText(/· révision 2, du /).isVisible(), 'la page du modèle annonce la révision 2');
    const revisions = page.getByRole('region', { name: 'Révisions' });
    const from = revisions.getByLabel('Comparer la révision');
    const to = revisions.getByLabel('à la révision');
    await from.waitFor();
    const options = await from.locator('option').allTextContents();
    check(options.length === 2 && /^Révision 2 — /.test(options[0]) && /^Révision 1 — /.test(options[1]), `ses deux révisions sont proposées : ${options.join(' | ')}`);
    check((await from.inputValue()) === '1' && (await to.inputValue()) === '2', 'par défaut, la révision 1 est comparée à la révision 2');

    const diff = revisions.getByRole('table', { name: 'Ce qui change de la révision 1 à la révision 2' });
    await diff.waitFor();
    const changes = [];
    for (const tr of await diff.locator('tbody tr').all()) changes.push(await tr.getByRole('cell').allTextContents());
    console.log(`    différence : ${changes.map((c) => c.join(' | ')).join(' ; ')}`);
    check(changes.length > 0, `la différence a ${changes.length} ligne(s)`);
    check(
      changes.length === 2 && changes.every(([, label]) => label === 'Valeurs du profil Personnel'),
      'chaque ligne porte sur les valeurs du profil Personnel, rien d’autre',
    );
    check(
      changes.map(([client]) => client).sort().join(' | ') === 'Client PRONOTE | PRONOTE.net',
      'une ligne par client du modèle (Client PRONOTE, PRONOTE.net), chacune nommée',
    );
    const gained = changes.every(([, , before, after]) => {
      const b = values(before);
      const n = values(after);
      return !b.has(ADDED_VALUE) && n.has(ADDED_VALUE) && n.size === b.size + 1 && [...b].every((v) => n.has(v));
    });
    check(gained, `la révision 2 ajoute ${ADDED_VALUE} aux valeurs du profil Personnel et garde les autres`);
    await audit(page, 'Un modèle (différence entre révisions)');
    await page.screenshot({ path: join(shots, '61-modele-revisions.png'), fullPage: true });

    await from.selectOption('2');
    await to.selectOption('1');
    const reversed = revisions.getByRole('table', { name: 'Ce qui change de la révision 2 à la révision 1' });
    await reversed.waitFor();
    const back = [];
    for (const tr of await reversed.locator('tbody tr').all()) back.push(await tr.getByRole('cell').allTextContents());
    check(
      back.length === changes.length &&
        back.every(([client, label, before, after], i) => client === changes[i][0] && label === changes[i][1] && before === changes[i][3] && after === changes[i][2]),
      'dans l’autre sens, la même différence, inversée',
    );
    await to.selectOption('2');
    await revisions.getByText('Choisissez deux révisions différentes.').waitFor();
    check((await revisions.getByRole('table').count()) === 0, 'une révision comparée à elle-même : aucune différence demandée, le choix est signalé');
    await from.selectOption('1');
    await diff.waitFor();

    console.log('Un modèle : comptes de test et validation');
    const accounts = page.getByRole('region', { name: 'Comptes de test' });
    const form = accounts.getByRole('form', { name: 'Enregistrer un compte de test' });
    check(await accounts.getByText('Aucun compte de test enregistré.').isVisible(), 'aucun compte de test au départ');
    await form.getByLabel('Profil').selectOption('PERSONNEL');
    await form.getByLabel('Identifiant CAS déclaré').fill('   ');
    await form.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await form.getByRole('button', { name: 'Enregistrer le compte de test' }).click();
    const refusal = accounts.getByRole('alert').filter({ hasText: 'Enregistrement refusé' });
    await refusal.waitFor();
    const refusalText = (await refusal.textContent()) ?? '';
    check(refusalText.includes('L\'identifiant CAS déclaré est obligatoire (256 caractères au plus).'), `un identifiant vide est refusé en français : « ${refusalText} »`);
    check(await accounts.getByText('Aucun compte de test enregistré.').isVisible(), 'rien n’est enregistré');
    await audit(page, 'Un modèle (compte de test refusé)');

    const accountsTable = accounts.getByRole('table', { name: `Comptes de test de « ${modelName} »` });
    const save = async ({ profile, label, identifier }) => {
      await form.getByLabel('Profil').selectOption(profile);
      await form.getByLabel('Identifiant CAS déclaré').fill(identifier);
      await form.getByLabel('Mot de passe').fill(TEST_PASSWORD);
      await form.getByRole('button', { name: 'Enregistrer le compte de test' }).click();
      await accounts.getByRole('status').filter({ hasText: `Le compte de test ${label} est enregistré ; son mot de passe ne sera plus affiché.` }).waitFor();
      const saved = accountsTable.getByRole('row').filter({ hasText: identifier });
      await saved.waitFor();
      return saved.getByRole('cell').allTextContents();
    };
    const personnel = await save(ACCOUNTS[0]);
    check(
      personnel[0] === 'Personnel' && personnel[2] === ACCOUNTS[0].identifier && personnel[3] === 'Enregistré',
      `le compte Personnel est enregistré : ${personnel.join(' | ')}`,
    );
    check((await refusal.count()) === 0, 'le refus précédent n’est plus affiché');
    check(
      (await form.getByLabel('Mot de passe').inputValue()) === '' && !((await page.locator('body').innerText()).includes(TEST_PASSWORD)),
      'le mot de passe n’est plus affiché nulle part',
    );

    const validation = page.getByRole('region', { name: 'Validation du modèle' });
    await validation.getByText('La révision actuelle n’a pas été validée.').waitFor();
    await validation.getByRole('button', { name: 'Valider le modèle' }).click();
    const impossible = validation.getByRole('alert').filter({ hasText: 'Validation impossible' });
    await impossible.waitFor();
    const impossibleText = (await impossible.textContent()) ?? '';
    check(/Enregistrez d'abord les quatre comptes de test \(manquant : Professeur, Élève, Parent\)\./.test(impossibleText), `la validation attend les quatre comptes : « ${impossibleText} »`);

    for (const account of ACCOUNTS.slice(1)) await save(account);
    check((await accountsTable.locator('tbody tr').count()) === 4, 'les quatre comptes de test sont enregistrés');
    await audit(page, 'Un modèle (comptes de test)');

    await validation.getByRole('button', { name: 'Valider le modèle' }).click();
    const verdict = validation.getByRole('status').filter({ hasText: /^Modèle (non )?validé/ });
    await verdict.waitFor({ timeout: 120_000 });
    const verdictText = (await verdict.textContent()) ?? '';
    check(
      verdictText.startsWith('Modèle non validé') && /Révision 2, le .* par operateur@demo\.relais\.localhost, sur https:\/\/modelesconfigurationcas\.index-education\.france\/pronote\//.test(verdictText),
      `le résultat est annoncé honnêtement : « ${verdictText} »`,
    );
    const results = validation.getByRole('table', { name: 'Résultat de chaque compte de test' });
    const resultRows = [];
    for (const tr of await results.locator('tbody tr').all()) resultRows.push(await tr.getByRole('cell').allTextContents());
    for (const r of resultRows) console.log(`    ${r.join(' | ')}`);
    check(resultRows.length === 4, 'un résultat par compte de test');
    for (const { label, identifier } of ACCOUNTS) {
      const r = resultRows.find((cells) => cells[0].startsWith(label));
      check(
        Boolean(r) &&
          r[1] === identifier &&
          r[2] === '—' &&
          r[3].startsWith('Échec') &&
          r[3].includes('Adresse de connexion CAS : La page de connexion https://ent.netocentre.fr/cas/login ne répond pas'),
        `${label} : échec avec sa raison, le serveur CAS du modèle ne répond pas`,
      );
    }
    check((await results.getByText('Réussi', { exact: true }).count()) === 0, 'aucun compte n’est dit réussi');
    await audit(page, 'Un modèle (validation)');
    await page.screenshot({ path: join(shots, '62-modele-validation.png'), fullPage: true });

    await keyboardOnly(page, 'Un modèle', check, {
      mustReach: [/^← Modèles$/, /^Comparer la révision$/, /^à la révision$/, /^Identifiant CAS déclaré/, /^Enregistrer le compte de test$/, /^Valider le modèle$/],
    });

    await page.reload();
    await validation.getByRole('status').filter({ hasText: /^Modèle non validé/ }).waitFor();
    check((await validation.getByRole('table', { name: 'Résultat de chaque compte de test' }).locator('tbody tr').count()) === 4, 'le résultat est gardé avec la révision (rechargement)');
    await a.close();

    console.log('Accès d’un administrateur d’établissement');
    const b = await browser.newContext({ locale: 'fr-FR' });
    const schoolPage = await b.newPage();
    watchConsole(schoolPage, 'établissement', errors);
    const asked = [];
    schoolPage.on('request', (request) => {
      if (request.url().endsWith('/graphql') && /modelSources|models\b|entModel|modelRevision|catalogVersions|modelUsage/.test(request.postData() ?? '')) asked.push(request.postData());
    });
    await schoolPage.goto(`${url}/modeles`);
    await schoolPage.waitForURL(/\/connexion\?retour=/);
    await signIn(schoolPage, SCHOOL);
    await schoolPage.waitForURL(/\/modeles$/);
    for (const path of ['/modeles', `/modeles/${model.id}`]) {
      if (!schoolPage.url().endsWith(path)) await schoolPage.goto(`${url}${path}`);
      await schoolPage.getByRole('heading', { name: 'Accès refusé' }).waitFor();
      check(true, `${path.replace(model.id, ':id')} répond « Accès refusé » à un administrateur d’établissement`);
    }
    const shown = await schoolPage.locator('body').innerText();
    check(
      asked.length === 0 && (await schoolPage.locator('table').count()) === 0 && !shown.includes('NetO') && !shown.includes(ADDED_VALUE),
      'aucun modèle, révision ni source n’est demandé ni montré',
    );
    await audit(schoolPage, 'Modèles (accès refusé)');
    const schoolToken = (await api(url, LOGIN, { e: SCHOOL, p: DEMO_PASSWORD })).login.accessToken;
    const sourceState = async () => JSON.stringify((await api(url, '{ modelSources { id lastFetchedAt lastError } }', {}, token)).modelSources.find((s) => s.id === source.id));
    const stateBefore = await sourceState();
    for (const [what, query] of [
      ['la lecture du flux', `mutation { refreshModelFeed(id: "${source.id}") { newVersion } }`],
      ['l’enregistrement d’un compte de test', `mutation { setModelTestAccounts(modelId: "${model.id}", accounts: [{ profile: PERSONNEL, casIdentifier: "intrus", password: "x" }]) { casIdentifier } }`],
      ['la validation du modèle', `mutation { validateModel(modelId: "${model.id}") { passed } }`],
    ]) {
      const answer = await api(url, query, {}, schoolToken).then(
        (data) => JSON.stringify(data),
        (error) => String(error.message),
      );
      check(/FORBIDDEN|NOT_FOUND/.test(answer), `l’API refuse ${what} à un administrateur d’établissement${/FORBIDDEN|NOT_FOUND/.test(answer) ? '' : ` — réponse : ${answer.slice(0, 200)}`}`);
    }
    const stateAfter = await sourceState();
    check(stateAfter === stateBefore, `la source de l’opérateur n’en garde aucune trace (dernière lecture, dernière erreur)${stateAfter === stateBefore ? '' : ` — avant ${stateBefore}, après ${stateAfter}`}`);
    const kept = (await api(url, `{ entModel(id: "${model.id}") { testAccounts { casIdentifier } } }`, {}, token)).entModel.testAccounts.map((t) => t.casIdentifier);
    check(kept.length === 4 && !kept.includes('intrus'), 'les comptes de test de l’opérateur sont intacts');
    await b.close();

    checkNoConsoleErrors(errors);
  } catch (error) {
    fail(error);
  } finally {
    await tearDown(browser, relais);
  }
  finish();
}

await main();
