// End-to-end journey of the operator's « Utilisateurs » and « Journal
// d'audit » screens (issue 17) on a real `relais serve --demo`, in
// Debian's Chromium:
// - the operator creates a school administrator, grants them an
//   establishment, resets their password (a single-use link by e-mail),
//   finds that action in the audit journal filtered by action and follows
//   the entry's link back to the account; then disables it, and the
//   account can no longer sign in;
// - « Modèles », a model's page and « Bases » open for the operator;
// - a school administrator reaching those addresses gets « Accès refusé »,
//   and no account, journal entry, model source or rentrée is asked for or
//   shown.
// axe-core on every state: 0 serious or critical violations.
//
// RELAIS_BIN: the relais binary (default: $CARGO_TARGET_DIR/debug/relais).
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { api, audit, check, checkNoConsoleErrors, chromiumPath, DEMO_PASSWORD, fail, finish, OPERATOR, SCHOOL, shots, signIn, tearDown, watchConsole } from './journey.mjs';
import { startRelais } from './relais.mjs';

const NEW_EMAIL = 'jeanne.martin@demo.relais.localhost';
const NEW_NAME = 'Jeanne Martin';
const NEW_PASSWORD = 'un mot de passe solide 2026';

async function main() {
  const relais = await startRelais('debug');
  const { url } = relais;
  console.log(`relais serve --demo sur ${url}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const errors = [];
  try {
    const token = (await api(url, 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}', { e: OPERATOR, p: DEMO_PASSWORD })).login.accessToken;
    const served = (await api(url, '{ establishments(first: 100) { nodes { uai name base { id } } } }', {}, token)).establishments.nodes.find((e) => e.base);
    if (!served) throw new Error('the demo has no establishment served by a base');

    const a = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
    const page = await a.newPage();
    watchConsole(page, 'opérateur', errors);

    console.log('Utilisateurs');
    await page.goto(`${url}/utilisateurs`);
    await page.waitForURL(/\/connexion\?retour=/);
    await signIn(page, OPERATOR);
    await page.waitForURL(/\/utilisateurs$/);
    await page.getByRole('heading', { name: 'Utilisateurs', level: 1 }).waitFor();
    const accounts = page.getByRole('table', { name: /comptes? affichés?/ });
    await accounts.waitFor();
    check(await page.getByRole('navigation').getByRole('link', { name: 'Utilisateurs' }).isVisible(), 'la navigation de l’opérateur mène aux utilisateurs');
    check((await accounts.getByRole('row').filter({ hasText: SCHOOL }).count()) === 1, 'les comptes de l’opérateur sont listés avec leur rôle');
    await audit(page, 'Utilisateurs');

    const form = page.getByRole('region', { name: 'Créer un compte' });
    await form.getByLabel('Adresse e-mail').fill(NEW_EMAIL);
    await form.getByLabel('Nom affiché').fill(NEW_NAME);
    await form.getByLabel('Rôle').selectOption('SCHOOL_ADMIN');
    await form.getByLabel('Mot de passe initial').fill('court');
    await form.getByRole('button', { name: 'Créer le compte' }).click();
    await form.getByText(/^Le mot de passe doit compter au moins/).waitFor();
    check((await accounts.getByRole('row').filter({ hasText: NEW_EMAIL }).count()) === 0, 'un mot de passe trop court est refusé sur son champ, aucun compte créé');
    await audit(page, 'Utilisateurs (mot de passe refusé)');
    await form.getByLabel('Mot de passe initial').fill(NEW_PASSWORD);
    await form.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByText(`Le compte de ${NEW_NAME} (${NEW_EMAIL}) est créé.`).waitFor();
    const row = accounts.getByRole('row').filter({ hasText: NEW_EMAIL });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    check(/Administrateur d.établissement/.test(rowText) && rowText.includes('Actif'), 'le compte créé est listé, administrateur d’établissement, actif');

    const grants = page.getByRole('region', { name: `Établissements de ${NEW_NAME}` });
    await grants.getByText('Aucun établissement confié.').waitFor();
    await grants.getByLabel('UAI de l’établissement à confier').fill(served.uai);
    await grants.getByRole('button', { name: 'Confier l’établissement' }).click();
    await grants.getByText(`${NEW_NAME} administre désormais ${served.uai}`, { exact: false }).waitFor();
    await grants.getByRole('cell', { name: served.uai, exact: true }).waitFor();
    check(true, `${served.uai} est confié au nouveau compte`);
    await audit(page, 'Utilisateurs (établissements confiés)');
    await page.screenshot({ path: join(shots, '50-utilisateurs.png'), fullPage: true });

    await page.getByRole('button', { name: `Réinitialiser le mot de passe de ${NEW_NAME}` }).click();
    await page.getByText(`Un lien pour choisir un nouveau mot de passe est envoyé à ${NEW_EMAIL}`, { exact: false }).waitFor();
    check(true, 'la réinitialisation du mot de passe envoie un lien à la personne');

    console.log('Journal d’audit');
    await page.getByRole('navigation').getByRole('link', { name: 'Journal d’audit' }).click();
    await page.getByRole('heading', { name: 'Journal d’audit', level: 1 }).waitFor();
    await page.getByRole('table', { name: /entrées? affichées?/ }).waitFor();
    await audit(page, 'Journal d’audit');
    await page.getByLabel('Action').selectOption({ label: 'Réinitialisation du mot de passe demandée' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/action=PASSWORD_RESET_REQUESTED/);
    const filtered = page.getByRole('table', { name: /1 entrée affichée/ });
    await filtered.waitFor();
    check((await filtered.textContent()).includes(OPERATOR), 'le journal filtré par action montre la réinitialisation et qui l’a demandée');
    await audit(page, 'Journal d’audit (filtré)');
    await page.screenshot({ path: join(shots, '51-journal.png'), fullPage: true });
    await filtered.getByRole('link', { name: /^Voir le compte/ }).click();
    await page.waitForURL(/\/utilisateurs\?compte=/);
    const current = page.locator('tr[aria-current="true"]');
    await current.waitFor();
    check((await current.textContent()).includes(NEW_EMAIL), 'le lien de l’entrée mène au compte concerné');

    await page.goto(`${url}/journal?acteur=${encodeURIComponent(OPERATOR)}&action=ESTABLISHMENT_GRANTED`);
    const granted = page.getByRole('table', { name: /1 entrée affichée/ });
    await granted.waitFor();
    await granted.getByRole('link', { name: /^Voir sa base/ }).click();
    await page.waitForURL(new RegExp(`/bases/${served.base.id}$`));
    check(true, 'l’entrée d’un établissement confié mène à sa base');

    await page.goto(`${url}/utilisateurs`);
    await page.getByRole('button', { name: `Désactiver le compte de ${NEW_NAME}` }).click();
    await page.getByText(`Le compte de ${NEW_NAME} est désactivé`, { exact: false }).waitFor();
    await page.getByRole('button', { name: `Réactiver le compte de ${NEW_NAME}` }).waitFor();
    const refused = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}', variables: { e: NEW_EMAIL, p: NEW_PASSWORD } }),
    }).then((r) => r.json());
    check(Boolean(refused.errors) && !refused.data?.login, 'un compte désactivé ne se connecte plus');
    await audit(page, 'Utilisateurs (compte désactivé)');

    console.log('Modèles et bases');
    await page.getByRole('navigation').getByRole('link', { name: 'Modèles', exact: true }).click();
    await page.getByRole('heading', { name: 'Modèles', level: 1 }).waitFor();
    await page.getByRole('region').first().waitFor();
    await audit(page, 'Modèles');
    const firstModel = page.getByRole('region').getByRole('table').getByRole('link').first();
    if ((await firstModel.count()) > 0) {
      const name = (await firstModel.textContent()) ?? '';
      await firstModel.click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await page.getByRole('region', { name: 'Comptes de test' }).waitFor();
      check(await page.getByRole('button', { name: 'Valider le modèle' }).isVisible(), `la page du modèle « ${name} » offre ses révisions, ses comptes de test et sa validation`);
      await audit(page, 'Un modèle');
    }
    await page.getByRole('navigation').getByRole('link', { name: 'Bases', exact: true }).click();
    await page.getByRole('heading', { name: 'Bases', level: 1 }).waitFor();
    await page.getByRole('progressbar').waitFor();
    check(await page.getByRole('region', { name: 'Créer une base' }).isVisible(), 'l’écran des bases montre la rentrée, la création et le déplacement');
    await page.getByRole('button', { name: /^Bases ayant fait la rentrée/ }).click();
    await page.getByRole('button', { name: 'Masquer les bases ayant fait la rentrée' }).waitFor();
    await page.locator('table, .mantine-Text-root').filter({ hasText: /fait (la|sa) rentrée/ }).first().waitFor();
    check(true, 'la liste des bases ayant fait la rentrée s’ouvre');
    await audit(page, 'Bases');
    await a.close();

    console.log('Accès d’un administrateur d’établissement');
    const b = await browser.newContext({ locale: 'fr-FR' });
    const schoolPage = await b.newPage();
    watchConsole(schoolPage, 'établissement', errors);
    const asked = [];
    schoolPage.on('request', (request) => {
      if (request.url().endsWith('/graphql') && /users\(|auditEvents|grantedEstablishments|modelSources|catalogVersions|rentree/.test(request.postData() ?? '')) asked.push(request.postData());
    });
    await schoolPage.goto(`${url}/utilisateurs`);
    await schoolPage.waitForURL(/\/connexion\?retour=/);
    await signIn(schoolPage, SCHOOL);
    await schoolPage.waitForURL(/\/utilisateurs$/);
    for (const path of ['/utilisateurs', '/journal?action=USER_CREATED', '/modeles', '/bases']) {
      if (!schoolPage.url().endsWith(path)) await schoolPage.goto(`${url}${path}`);
      await schoolPage.getByRole('heading', { name: 'Accès refusé' }).waitFor();
      check(true, `${path} répond « Accès refusé » à un administrateur d’établissement`);
    }
    check(asked.length === 0 && (await schoolPage.locator('table').count()) === 0, 'aucun compte, entrée du journal, modèle ni base de la région n’est demandé ni montré');
    for (const name of ['Utilisateurs', 'Journal d’audit', 'Modèles', 'Bases']) {
      check((await schoolPage.getByRole('navigation').getByRole('link', { name, exact: true }).count()) === 0, `sa navigation n’offre pas « ${name} »`);
    }
    const schoolToken = (await api(url, 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}', { e: SCHOOL, p: DEMO_PASSWORD })).login.accessToken;
    const direct = await api(url, '{ auditEvents(first: 5) { nodes { id } } }', {}, schoolToken).then(
      () => null,
      (error) => String(error.message),
    );
    check(direct !== null && direct.includes('FORBIDDEN'), 'l’API refuse aussi le journal à un administrateur d’établissement');
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
