// End-to-end journey of the operator's « Échanges » screen (issue 17) on a
// real `relais serve --demo`, in Debian's Chromium:
// - the operator opens « Échanges » from the navigation, saves the
//   retention of the account-matching files, and a retention out of range
//   is refused with the API's French message (nothing saved);
// - a public key given as the partner's private key is refused in French;
//   a key pair generated here (RSA 2048, PKCS#8) replaces the demo's once
//   the replacement is confirmed: its fingerprint and public key are shown,
//   the private key appears in no answer of the API nor in the page;
// - an ENT accounts file with one bad line is checked: the report shows
//   the line and its reason and the import stays disabled; the corrected
//   file is checked, then imported, and the accounts exist;
// - the account-matching file of that establishment is produced, found in
//   « Fichiers conservés » by its UAI, downloaded, and deleted after the
//   confirmation dialog;
// - a school administrator has no « Échanges » link and gets « Accès
//   refusé » at its address.
// axe-core on every state (0 serious or critical violation) and a
// keyboard-only pass over the screen.
//
// RELAIS_BIN: the relais binary (default: $CARGO_TARGET_DIR/debug/relais).
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { api, audit, check, checkNoConsoleErrors, chromiumPath, DEMO_PASSWORD, fail, finish, OPERATOR, SCHOOL, shots, signIn, tearDown, watchConsole } from './journey.mjs';
import { keyboardOnly } from './keyboard.mjs';
import { startRelais } from './relais.mjs';

const LOGIN = 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}';
const SETTINGS = '{ exchangeSettings { partnerKeyFingerprint partnerPublicKey retentionAccountMatchingDays retentionIdentifiersExportDays } }';

/** The base64 body of a PEM block, without its armour and line breaks. */
function pemBody(pem) {
  return pem
    .replace(/-----(BEGIN|END) [A-Z ]+-----/g, '')
    .replace(/\s+/g, '')
    .trim();
}

/** An ENT accounts CSV for `uai` (docs/formats/ent-accounts-csv.md); `bad` leaves a teacher without a name. */
function accountsCsv(uai, bad) {
  return [
    'id_ent;nom;prenom;date_naissance;profil;uai',
    `e2e-eleve-1;LEROY;Camille;12/05/2011;ELEVE;${uai}`,
    `e2e-eleve-2;FOURNIER;Noah;2010-09-30;ELEVE;${uai}`,
    `e2e-prof-1;${bad ? '' : 'GIRARD'};Hélène;;ENSEIGNANT;${uai}`,
    '',
  ].join('\n');
}

async function main() {
  const relais = await startRelais('debug');
  const { url } = relais;
  console.log(`relais serve --demo sur ${url}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const errors = [];
  try {
    const token = (await api(url, LOGIN, { e: OPERATOR, p: DEMO_PASSWORD })).login.accessToken;
    const served = (await api(url, '{ establishments(first: 100) { nodes { id uai name base { id } } } }', {}, token)).establishments.nodes.find((e) => e.base);
    if (!served) throw new Error('the demo has no establishment served by a base');
    const before = (await api(url, SETTINGS, {}, token)).exchangeSettings;

    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    watchConsole(page, 'opérateur', errors);
    const answers = [];
    page.on('response', async (response) => {
      if (!response.url().endsWith('/graphql')) return;
      answers.push(await response.text().catch(() => ''));
    });

    console.log('Échanges');
    await page.goto(`${url}/`);
    await page.waitForURL(/\/connexion/);
    await signIn(page, OPERATOR);
    await page.waitForURL(/\/tableau-de-bord/);
    const link = page.getByRole('navigation').getByRole('link', { name: 'Échanges', exact: true });
    check(await link.isVisible(), 'la navigation de l’opérateur mène aux échanges');
    await link.click();
    await page.waitForURL(/\/echanges$/);
    await page.getByRole('heading', { name: 'Échanges', level: 1 }).waitFor();
    const settings = page.getByRole('region', { name: 'Paramètres d’échange avec Index-Education' });
    await settings.getByRole('button', { name: 'Enregistrer la conservation' }).waitFor();
    check(
      (await settings.getByText(before.partnerKeyFingerprint, { exact: true }).count()) === 1,
      `la paire de clés de la démo est montrée par son empreinte (${before.partnerKeyFingerprint})`,
    );
    await audit(page, 'Échanges');
    await page.screenshot({ path: join(shots, '70-echanges.png'), fullPage: true });

    console.log('Conservation');
    const matching = settings.getByLabel('Fichiers de rapprochement (jours)');
    await matching.fill('45');
    await settings.getByRole('button', { name: 'Enregistrer la conservation' }).click();
    await settings.getByRole('status').filter({ hasText: 'Durées de conservation enregistrées.' }).waitFor();
    let now = (await api(url, SETTINGS, {}, token)).exchangeSettings;
    check(now.retentionAccountMatchingDays === 45, 'la durée de conservation des fichiers de rapprochement est enregistrée (45 jours)');
    await matching.fill('0');
    await settings.getByRole('button', { name: 'Enregistrer la conservation' }).click();
    await settings.getByText('La durée de conservation doit être comprise entre 1 et 3650 jours.').waitFor();
    check((await matching.getAttribute('aria-invalid')) === 'true', 'une durée de 0 jour est refusée avec le message de l’API, sur son champ');
    now = (await api(url, SETTINGS, {}, token)).exchangeSettings;
    check(now.retentionAccountMatchingDays === 45, 'la durée refusée n’est pas enregistrée');
    await audit(page, 'Échanges (durée refusée)');
    await matching.fill('45');

    console.log('Paire de clés du partenaire');
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const secret = pemBody(privateKey);
    const keyFile = settings.getByLabel(/^Fichier de la clé privée/);
    const replaceBox = settings.getByLabel(/Je remplace la paire de clés actuelle/);
    const replaceButton = settings.getByRole('button', { name: 'Remplacer la paire de clés' });
    await keyFile.setInputFiles({ name: 'publique.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(publicKey) });
    check(await replaceButton.isDisabled(), 'remplacer la paire de clés attend une confirmation');
    await replaceBox.check();
    await replaceButton.click();
    await settings.getByText(/c'est une clé publique, une clé privée est attendue/).waitFor();
    check(true, 'une clé publique donnée pour la clé privée est refusée en français');
    now = (await api(url, SETTINGS, {}, token)).exchangeSettings;
    check(now.partnerKeyFingerprint === before.partnerKeyFingerprint, 'la clé refusée ne remplace rien');
    await audit(page, 'Échanges (clé refusée)');

    await keyFile.setInputFiles({ name: 'partenaire.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(privateKey) });
    if (!(await replaceBox.isChecked())) await replaceBox.check();
    await replaceButton.click();
    await settings.getByRole('status').filter({ hasText: /Paire de clés enregistrée \(empreinte [0-9a-f]{16}\)/ }).waitFor();
    now = (await api(url, SETTINGS, {}, token)).exchangeSettings;
    check(now.partnerKeyFingerprint && now.partnerKeyFingerprint !== before.partnerKeyFingerprint, `la nouvelle paire de clés est enregistrée (empreinte ${now.partnerKeyFingerprint})`);
    check(pemBody(now.partnerPublicKey) === pemBody(publicKey), 'la clé publique enregistrée est celle de la clé privée envoyée');
    const shown = await settings.getByRole('figure', { name: 'Clé publique à transmettre à Index-Education' }).locator('pre').innerText();
    check(pemBody(shown) === pemBody(publicKey), 'la page montre la clé publique à transmettre à Index-Education');
    check((await settings.getByText(now.partnerKeyFingerprint, { exact: true }).count()) >= 1, 'la page montre l’empreinte de la nouvelle paire');
    check(!(await page.content()).includes(secret.slice(40, 120)), 'la clé privée n’apparaît pas dans la page');
    check((await keyFile.evaluate((input) => input.files.length)) === 0, 'le fichier de la clé privée est oublié par la page');
    // Leave and come back: the settings are read again.
    await page.getByRole('navigation').getByRole('link', { name: 'Courriels', exact: true }).click();
    await page.getByRole('heading', { name: 'Courriels', level: 1 }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Échanges', exact: true }).click();
    await settings.getByRole('button', { name: 'Remplacer la paire de clés' }).waitFor();
    check((await settings.getByText(now.partnerKeyFingerprint, { exact: true }).count()) >= 1, 'revenu sur la page, la nouvelle empreinte est relue');
    await audit(page, 'Échanges (paire de clés remplacée)');

    console.log('Import des comptes ENT');
    const importing = page.getByRole('region', { name: 'Import des comptes ENT' });
    const csv = importing.getByLabel('Fichier CSV des comptes ENT');
    await csv.setInputFiles({ name: 'comptes-ent.csv', mimeType: 'text/csv', buffer: Buffer.from(accountsCsv(served.uai, true)) });
    await importing.getByRole('button', { name: 'Vérifier le fichier' }).click();
    const refused = importing.getByRole('table', { name: '1 ligne refusée' });
    await refused.waitFor();
    const line = (await refused.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ').trim();
    check(/^4 nom .{10,}/.test(line), `la vérification montre la ligne refusée, sa colonne et sa raison : « ${line} »`);
    check(await importing.getByRole('button', { name: 'Importer', exact: true }).isDisabled(), 'l’import est refusé tant qu’une ligne est refusée');
    await audit(page, 'Échanges (ligne refusée)');
    await page.screenshot({ path: join(shots, '71-echanges-ligne-refusee.png'), fullPage: true });

    await csv.setInputFiles({ name: 'comptes-ent.csv', mimeType: 'text/csv', buffer: Buffer.from(accountsCsv(served.uai, false)) });
    await importing.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await importing.getByRole('status').filter({ hasText: 'Aucune ligne refusée' }).waitFor();
    const plan = await importing.getByRole('table', { name: 'Ce que l’import ferait, par établissement' }).innerText();
    check(plan.includes(served.uai), `la vérification du fichier corrigé dit ce qui serait fait pour ${served.uai}`);
    const countsBefore = (await api(url, 'query($id: ID!) { entAccountCounts(establishmentId: $id) { profile accounts } }', { id: served.id }, token)).entAccountCounts;
    await audit(page, 'Échanges (fichier vérifié)');
    await importing.getByRole('button', { name: 'Importer 3 comptes' }).click();
    await importing.getByRole('status').filter({ hasText: 'Import terminé' }).waitFor();
    const countsAfter = (await api(url, 'query($id: ID!) { entAccountCounts(establishmentId: $id) { profile accounts } }', { id: served.id }, token)).entAccountCounts;
    const total = (counts) => counts.reduce((sum, c) => sum + c.accounts, 0);
    check(total(countsAfter) === total(countsBefore) + 3, `les 3 comptes sont importés (${total(countsBefore)} → ${total(countsAfter)} comptes ENT)`);

    console.log('Fichiers conservés');
    const produced = (
      await api(url, 'mutation($id: ID!) { generateAccountMatchingFile(establishmentId: $id) { id fileName } }', { id: served.id }, token)
    ).generateAccountMatchingFile;
    const stored = page.getByRole('region', { name: 'Fichiers conservés' });
    await stored.getByLabel('Type de fichier').selectOption('ACCOUNT_MATCHING');
    await stored.getByLabel('UAI de l’établissement (facultatif)').fill(served.uai);
    await stored.getByRole('button', { name: 'Filtrer' }).click();
    const table = stored.getByRole('table', { name: new RegExp(`fichiers? affichés? pour ${served.uai}`) });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: produced.fileName }).first();
    await row.waitFor();
    check(/Fichier de rapprochement/.test(await row.innerText()), `le fichier de rapprochement ${produced.fileName} est listé`);
    await audit(page, 'Échanges (fichiers conservés)');
    await page.screenshot({ path: join(shots, '72-echanges-fichiers.png'), fullPage: true });
    await keyboardOnly(page, 'Échanges', check, {
      mustReach: [/Enregistrer la conservation/, /Fichier de la clé privée/, /^Partiel/, /Fichier CSV des comptes ENT/, /^Filtrer$/, new RegExp(`^Supprimer ${produced.fileName.replace('.', '\\.')}`)],
    });

    const [saved] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: `Télécharger ${produced.fileName}` }).click()]);
    check(saved.suggestedFilename() === produced.fileName, `le fichier se télécharge sous son nom (${saved.suggestedFilename()})`);

    await row.getByRole('button', { name: `Supprimer ${produced.fileName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Supprimer ${produced.fileName} ?` });
    await dialog.waitFor();
    await audit(page, 'Échanges (confirmation de suppression)');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const kept = await api(url, 'query($id: ID!) { storedFile(id: $id) { id } }', { id: produced.id }, token).then(
      () => true,
      () => false,
    );
    check(kept, 'annuler la confirmation ne supprime rien');
    await row.getByRole('button', { name: `Supprimer ${produced.fileName}` }).click();
    await dialog.getByRole('button', { name: 'Supprimer définitivement' }).click();
    await stored.getByRole('status').filter({ hasText: `Le fichier ${produced.fileName} est supprimé.` }).waitFor();
    const gone = await api(url, 'query($id: ID!) { storedFile(id: $id) { id } }', { id: produced.id }, token).then(
      () => null,
      (error) => String(error.message),
    );
    check(gone !== null && gone.includes('NOT_FOUND'), 'le fichier supprimé n’existe plus pour l’API');
    check((await stored.getByRole('button', { name: `Supprimer ${produced.fileName}` }).count()) === 0, 'le fichier supprimé quitte la liste');
    await audit(page, 'Échanges (fichier supprimé)');
    check(answers.length > 5 && !answers.some((body) => body.includes(secret.slice(40, 120))), `aucune réponse de l’API ne contient la clé privée (${answers.length} réponses lues)`);
    await context.close();

    console.log('Accès d’un administrateur d’établissement');
    const school = await browser.newContext({ locale: 'fr-FR' });
    const schoolPage = await school.newPage();
    watchConsole(schoolPage, 'établissement', errors);
    const asked = [];
    schoolPage.on('request', (request) => {
      if (request.url().endsWith('/graphql') && /exchangeSettings|storedFiles/.test(request.postData() ?? '')) asked.push(request.postData());
    });
    await schoolPage.goto(`${url}/`);
    await schoolPage.waitForURL(/\/connexion/);
    await signIn(schoolPage, SCHOOL);
    await schoolPage.waitForURL(/\/etablissements/);
    check((await schoolPage.getByRole('navigation').getByRole('link', { name: 'Échanges', exact: true }).count()) === 0, 'sa navigation n’offre pas « Échanges »');
    // The address reached inside the console (a deep link needs a server that knows the route).
    await schoolPage.evaluate(() => {
      window.history.pushState({}, '', '/echanges');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await schoolPage.getByRole('heading', { name: 'Accès refusé' }).waitFor();
    check(asked.length === 0, '/echanges répond « Accès refusé » à un administrateur d’établissement, sans rien demander des échanges');
    const direct = await fetch(`${url}/echanges`);
    if (direct.status === 200) {
      check((direct.headers.get('content-type') ?? '').startsWith('text/html'), 'l’adresse /echanges est servie par la console (lien direct)');
    } else {
      console.log(`  (lien direct /echanges non vérifié : ce binaire relais répond ${direct.status}, il précède l’ajout de la route dans console.rs)`);
    }
    await audit(schoolPage, 'Échanges refusé');
    await school.close();

    checkNoConsoleErrors(errors);
  } catch (error) {
    fail(error);
  } finally {
    await tearDown(browser, relais);
  }
  finish();
}

await main();
