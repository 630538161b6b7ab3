// End-to-end journey of the operator's « Gestion des établissements »
// (issue 17) on a real `relais serve --demo`, in Debian's Chromium:
// - the demo operator opens the screen from the navigation, creates an
//   establishment — first with a UAI whose check letter is wrong: refused
//   with the API's message on the field, the acknowledgement offered —
//   then with the right code; edits it; grants it to the demo school
//   administrator (who then sees it through the API) and revokes it after a
//   confirmation; closes it after a confirmation that says what closing
//   means, finds it « Fermé » in the list searched by UAI, and reopens it;
// - a school administrator reaching the screen and the establishment's page
//   gets « Accès refusé »: no establishment is asked for or shown.
// axe-core on every state: 0 serious or critical violations; a keyboard
// pass over the list and the establishment's page.
//
// RELAIS_BIN: the relais binary (default: $CARGO_TARGET_DIR/debug/relais).
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { api, audit, check, checkNoConsoleErrors, chromiumPath, DEMO_PASSWORD, fail, finish, OPERATOR, SCHOOL, settled, shots, signIn, tearDown, watchConsole } from './journey.mjs';
import { keyboardOnly } from './keyboard.mjs';
import { startRelais } from './relais.mjs';

const LOGIN = 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}';
const CHECK_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** A UAI of the demo's numbering that no demo establishment uses, with its right and a wrong check letter. */
function freshUai(taken) {
  for (let n = 999001; n < 999999; n += 1) {
    const digits = String(n).padStart(7, '0');
    const letter = CHECK_LETTERS[n % 23];
    if (!taken.some((uai) => uai.startsWith(digits))) return { good: `${digits}${letter}`, bad: `${digits}${letter === 'A' ? 'B' : 'A'}` };
  }
  throw new Error('no free UAI');
}

async function main() {
  const relais = await startRelais('debug');
  const { url } = relais;
  console.log(`relais serve --demo sur ${url}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const errors = [];
  try {
    const token = (await api(url, LOGIN, { e: OPERATOR, p: DEMO_PASSWORD })).login.accessToken;
    const taken = (await api(url, '{ establishments(first: 100) { nodes { uai } } }', {}, token)).establishments.nodes.map((e) => e.uai);
    const school = (await api(url, '{ users(first: 100) { nodes { email displayName } } }', {}, token)).users.nodes.find((u) => u.email === SCHOOL);
    if (!school) throw new Error('the demo has no school administrator');
    const schoolToken = (await api(url, LOGIN, { e: SCHOOL, p: DEMO_PASSWORD })).login.accessToken;
    const seenBySchool = async (uai) =>
      (await api(url, '{ establishments(first: 100) { nodes { uai } } }', {}, schoolToken)).establishments.nodes.some((e) => e.uai === uai);
    const { good, bad } = freshUai(taken);
    const name = 'Collège de la Vallée e2e';
    const renamed = 'Collège Jean-de-la-Vallée e2e';

    const a = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
    const page = await a.newPage();
    watchConsole(page, 'opérateur', errors);

    console.log('Gestion des établissements');
    await page.goto(`${url}/`);
    await page.waitForURL(/\/connexion/);
    await signIn(page, OPERATOR);
    await page.waitForURL(/\/tableau-de-bord$/);
    await page.getByRole('navigation').getByRole('link', { name: 'Gestion des établissements' }).click();
    await page.waitForURL(/\/etablissements\/gestion$/);
    await page.getByRole('heading', { name: 'Gestion des établissements', level: 1 }).waitFor();
    const list = page.getByRole('table', { name: /établissements? affichés?/ });
    await list.waitFor();
    check((await list.getByRole('row').count()) > 1, 'la navigation de l’opérateur mène à la liste de ses établissements');
    await audit(page, 'Gestion des établissements');
    await keyboardOnly(page, 'Gestion des établissements', check, { mustReach: [/^Créer un établissement$/, /^Rechercher un établissement/, /^Rechercher$/] });

    const search = page.getByLabel('Rechercher un établissement');
    await search.fill(taken[0].slice(0, 7));
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.waitForURL(/recherche=/);
    const found = page.getByRole('table', { name: new RegExp(`pour « ${taken[0].slice(0, 7)} »`) });
    await found.waitFor();
    check((await found.getByRole('row').filter({ hasText: taken[0] }).count()) === 1, `la recherche par UAI trouve ${taken[0]}`);

    console.log('Créer un établissement');
    await page.getByRole('button', { name: 'Créer un établissement' }).click();
    const form = page.getByRole('region', { name: 'Créer un établissement' });
    await form.getByLabel('Code UAI').fill(bad);
    await form.getByLabel(/^Nom( \*)?$/).fill(name);
    await form.getByLabel('Type d’établissement').selectOption('COLLEGE');
    await form.getByLabel('Commune').fill('Vendôme');
    await form.getByRole('button', { name: 'Créer l’établissement' }).click();
    const refusal = form.getByText(`Le code UAI ${bad} a une lettre de contrôle incorrecte`, { exact: false });
    await refusal.waitFor();
    check((await form.getByLabel('Code UAI').getAttribute('aria-invalid')) === 'true', `un code UAI à la lettre de contrôle fausse (${bad}) est refusé sur son champ, avec le message de l’API`);
    check(await form.getByRole('checkbox', { name: /figure tel quel dans l’annuaire officiel/ }).isVisible(), 'la confirmation du code tel que l’annuaire l’écrit est proposée');
    const none = await api(url, `{ establishments(filter: { uaiPrefix: "${bad.slice(0, 7)}" }) { nodes { id } } }`, {}, token);
    check(none.establishments.nodes.length === 0, 'rien n’est créé');
    await audit(page, 'Créer un établissement (code UAI refusé)');
    await page.screenshot({ path: join(shots, '80-etablissement-uai-refuse.png'), fullPage: true });

    await form.getByLabel('Code UAI').fill(good);
    check((await form.getByRole('checkbox').count()) === 0, 'corriger le code retire la confirmation');
    await form.getByRole('button', { name: 'Créer l’établissement' }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByText(`L’établissement ${good} — ${name} est créé.`).waitFor();
    check(/\/etablissements\/gestion\/[^/]+$/.test(page.url()), `${good} est créé et sa fiche s’ouvre`);
    const establishmentUrl = page.url();
    await audit(page, 'Fiche de l’établissement');

    console.log('Modifier');
    const edit = page.getByRole('region', { name: 'Modifier l’établissement' });
    await edit.getByLabel('Code postal').fill('410');
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await edit.getByText(/^Le code postal doit compter 5 chiffres/).waitFor();
    check((await edit.getByLabel('Code postal').getAttribute('aria-invalid')) === 'true', 'un code postal refusé par l’API l’est sur son champ');
    await audit(page, 'Modifier l’établissement (code postal refusé)');
    await edit.getByLabel('Code postal').fill('41100');
    await edit.getByLabel(/^Nom( \*)?$/).fill(renamed);
    await edit.getByLabel('Académie').fill('Orléans-Tours');
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByText('Les modifications de l’établissement sont enregistrées.').waitFor();
    await page.getByRole('heading', { name: renamed, level: 1 }).waitFor();
    const stored = (await api(url, `{ establishments(filter: { uaiPrefix: "${good}" }) { nodes { name postalCode academy status } } }`, {}, token)).establishments.nodes[0];
    check(stored?.name === renamed && stored.postalCode === '41100' && stored.academy === 'Orléans-Tours', 'les modifications sont enregistrées');

    console.log('Administrateurs d’établissement');
    const admins = page.getByRole('region', { name: 'Administrateurs d’établissement' });
    await admins.getByText('L’établissement n’est confié à aucun administrateur d’établissement.').waitFor();
    await admins.getByLabel('Administrateur d’établissement').selectOption({ label: `${school.displayName} (${SCHOOL})` });
    await admins.getByRole('button', { name: 'Confier l’établissement' }).click();
    await admins.getByText(`${school.displayName} administre désormais ${good}`, { exact: false }).waitFor();
    await admins.getByRole('table', { name: `1 administrateur de ${good}` }).getByRole('cell', { name: SCHOOL }).waitFor();
    check(await seenBySchool(good), `${good} est confié à ${school.displayName}, qui le voit`);
    await audit(page, 'Fiche (établissement confié)');
    await page.screenshot({ path: join(shots, '81-etablissement-fiche.png'), fullPage: true });
    await keyboardOnly(page, 'Fiche de l’établissement', check, {
      mustReach: [/^Nom/, /^Enregistrer les modifications$/, /^Fermer l’établissement$/, new RegExp(`^Retirer ${good} à `)],
    });

    await admins.getByRole('button', { name: `Retirer ${good} à ${school.displayName}` }).click();
    let dialog = page.getByRole('dialog', { name: `Retirer ${good} à ${school.displayName} ?` });
    await dialog.waitFor();
    await settled(page);
    await audit(page, 'Fiche (confirmation du retrait)');
    await dialog.getByRole('button', { name: 'Retirer l’accès' }).click();
    await admins.getByText(`${school.displayName} n’administre plus ${good}.`).waitFor();
    await admins.getByText('L’établissement n’est confié à aucun administrateur d’établissement.').waitFor();
    check(!(await seenBySchool(good)), 'après confirmation, le retrait est fait : l’administrateur ne le voit plus');

    console.log('Fermer et rouvrir');
    const opening = page.getByRole('region', { name: 'Ouverture' });
    await opening.getByRole('button', { name: 'Fermer l’établissement' }).click();
    dialog = page.getByRole('dialog', { name: `Fermer l’établissement ${good} — ${renamed} ?` });
    await dialog.waitFor();
    await settled(page);
    const said = (await dialog.textContent()) ?? '';
    check(/reste dans Relais/.test(said) && /peut être\s+rouvert/.test(said), 'la confirmation dit ce que fermer veut dire');
    await audit(page, 'Fiche (confirmation de fermeture)');
    await page.screenshot({ path: join(shots, '82-etablissement-fermer.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    check((await api(url, `{ establishments(filter: { uaiPrefix: "${good}" }) { nodes { status } } }`, {}, token)).establishments.nodes[0]?.status === 'OPEN', 'annuler ne ferme rien');
    await opening.getByRole('button', { name: 'Fermer l’établissement' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Fermer l’établissement' }).click();
    await page.getByText(`L’établissement ${good} est fermé.`).waitFor();
    await opening.getByRole('button', { name: 'Rouvrir l’établissement' }).waitFor();
    check(true, 'après confirmation, l’établissement est fermé');

    await page.getByRole('link', { name: 'Retour à la gestion des établissements' }).click();
    await page.getByLabel('Rechercher un établissement').fill(good);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    const closedRow = page.getByRole('table', { name: new RegExp(`1 établissement affiché pour « ${good} »`) }).getByRole('row').filter({ hasText: good });
    await closedRow.waitFor();
    const closedText = (await closedRow.textContent()) ?? '';
    check(/Fermé/.test(closedText), 'la liste le montre fermé');
    await audit(page, 'Gestion des établissements (établissement fermé)');
    await closedRow.getByRole('link').click();
    await page.getByRole('heading', { name: renamed, level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Ouverture' }).getByRole('button', { name: 'Rouvrir l’établissement' }).click();
    await page.getByText(`L’établissement ${good} est rouvert.`).waitFor();
    check((await api(url, `{ establishments(filter: { uaiPrefix: "${good}" }) { nodes { status } } }`, {}, token)).establishments.nodes[0]?.status === 'OPEN', 'l’établissement est rouvert');
    await audit(page, 'Fiche (établissement rouvert)');
    await a.close();

    console.log('Accès d’un administrateur d’établissement');
    const b = await browser.newContext({ locale: 'fr-FR' });
    const schoolPage = await b.newPage();
    watchConsole(schoolPage, 'établissement', errors);
    const asked = [];
    schoolPage.on('request', (request) => {
      if (request.url().endsWith('/graphql') && /ManagedEstablishment|EstablishmentTenantAccounts|AdministratorGrants/.test(request.postData() ?? '')) asked.push(request.postData());
    });
    const path = new URL(establishmentUrl).pathname;
    await schoolPage.goto(`${url}${path}`);
    await schoolPage.waitForURL(/\/connexion\?retour=/);
    await signIn(schoolPage, SCHOOL);
    await schoolPage.waitForURL(new RegExp(`${path}$`));
    await schoolPage.getByRole('heading', { name: 'Accès refusé' }).waitFor();
    check(true, 'la fiche d’un établissement répond « Accès refusé » à un administrateur d’établissement');
    await schoolPage.goto(`${url}/etablissements/gestion`);
    await schoolPage.getByRole('heading', { name: 'Accès refusé' }).waitFor();
    check(true, '/etablissements/gestion répond « Accès refusé » à un administrateur d’établissement');
    check(asked.length === 0 && (await schoolPage.locator('table').count()) === 0 && (await schoolPage.getByText(renamed).count()) === 0, 'aucun établissement de l’opérateur n’est demandé ni montré');
    check((await schoolPage.getByRole('navigation').getByRole('link', { name: 'Gestion des établissements' }).count()) === 0, 'sa navigation n’offre pas « Gestion des établissements »');
    const id = path.split('/').at(-1);
    const direct = await api(url, 'query($id: ID!) { establishment(id: $id) { name } }', { id }, schoolToken).then(
      () => null,
      (error) => String(error.message),
    );
    check(direct !== null && /NOT_FOUND|FORBIDDEN/.test(direct), 'l’API ne lui donne pas non plus cet établissement');
    const create = await api(url, `mutation { createEstablishment(input: { uai: "${freshUai([...taken, good]).good}", name: "x", kind: COLLEGE }) { id } }`, {}, schoolToken).then(
      () => null,
      (error) => String(error.message),
    );
    check(create !== null && /FORBIDDEN|NOT_FOUND/.test(create), 'l’API lui refuse la création d’un établissement');
    await audit(schoolPage, 'Accès refusé');
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
