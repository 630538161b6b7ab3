// End-to-end journey of the operator's « Registre CAS de l'ENT » (issue
// 21) on a real `relais serve --demo`, in Debian's Chromium: the operator
// sees the registry never exported, downloads the archive, is refused
// with the French conflict message when a base changed in between,
// downloads again and records the export; then maps an attribute to the
// ENT's name and sees every service changed field by field and the files
// to replace; downloads one base's service in a format. A helpdesk agent
// reaching the address is refused. axe-core on every state: 0 serious or
// critical violations.
//
// RELAIS_BIN: the relais binary (default: $CARGO_TARGET_DIR/debug/relais).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { api, audit, check, checkNoConsoleErrors, chromiumPath, DEMO_PASSWORD, fail, finish, HELPDESK, OPERATOR, shots, signIn, tearDown, watchConsole } from './journey.mjs';
import { keyboardOnly } from './keyboard.mjs';
import { startRelais } from './relais.mjs';

const figure = (text) => Number(text.replace(/\D/g, ''));

async function downloadArchive(page) {
  const downloadEvent = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger l’archive (tous les formats)' }).click();
  const download = await downloadEvent;
  const bytes = readFileSync(await download.path());
  const digest = page.getByLabel('Empreinte de l’archive installée');
  for (let i = 0; i < 100 && (await digest.inputValue()) === ''; i += 1) await page.waitForTimeout(100);
  return { name: download.suggestedFilename(), bytes, digest: await digest.inputValue() };
}

async function main() {
  const relais = await startRelais('debug');
  const { url } = relais;
  console.log(`relais serve --demo sur ${url}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const errors = [];
  try {
    const token = (await api(url, 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}', { e: OPERATOR, p: DEMO_PASSWORD })).login.accessToken;
    const before = (await api(url, '{ casRegistry { services { name } diff { added { name } } } }', {}, token)).casRegistry;

    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    watchConsole(page, 'opérateur', errors);

    console.log('Registre CAS de l’ENT (opérateur)');
    await page.goto(`${url}/registre-cas`);
    await page.waitForURL(/\/connexion\?retour=/);
    await signIn(page, OPERATOR);
    await page.waitForURL(/\/registre-cas$/);
    await page.getByRole('heading', { name: 'Registre CAS de l’ENT', level: 1 }).waitFor();
    check(await page.getByRole('navigation').getByRole('link', { name: 'Registre CAS de l’ENT' }).isVisible(), 'la navigation de l’opérateur mène au registre CAS');
    const state = page.getByRole('region', { name: 'État du registre' });
    await state.getByText('jamais été exporté').waitFor();
    check(true, 'le registre n’a jamais été exporté');
    const services = await state.getByText(/services? à déclarer/).innerText();
    check(figure(services) === before.services.length, `${before.services.length} services à déclarer (« ${services} »)`);
    const changed = await state.getByText(/modifiées? depuis le dernier export/).innerText();
    check(figure(changed) === before.diff.added.length, `toutes les entrées sont à exporter (« ${changed} »)`);
    const toAdd = page.getByRole('list', { name: /^À ajouter/ });
    check((await toAdd.getByRole('listitem').count()) === before.services.length, 'chaque service a son fichier Apereo à ajouter');
    await audit(page, 'Registre CAS (jamais exporté)');
    await page.screenshot({ path: join(shots, '30-registre-cas.png'), fullPage: true });

    console.log('Télécharger, être refusé si une base a changé, enregistrer');
    const first = await downloadArchive(page);
    check(first.name === 'registre-cas-pronote.zip' && first.bytes.subarray(0, 2).toString() === 'PK', `l’archive ${first.name} est téléchargée`);
    check(/^[0-9a-f]{64}$/.test(first.digest), 'l’empreinte de l’archive est reprise dans le formulaire');
    // Someone else changes the ENT's names meanwhile: the archive is stale.
    await api(url, 'mutation { setCasRegistryAttributeMapping(mapping: [{ name: "sn", source: "entNom" }]) { digest } }', {}, token);
    await page.getByRole('button', { name: 'Enregistrer l’export' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Registre modifié entre-temps' });
    await conflict.waitFor();
    check((await conflict.innerText()).includes('téléchargez-le de nouveau'), 'une empreinte périmée est refusée avec le message en français');
    await audit(page, 'Registre CAS (empreinte périmée)');
    await page.screenshot({ path: join(shots, '31-registre-cas-conflit.png'), fullPage: true });
    const second = await downloadArchive(page);
    check(second.digest !== first.digest, 'la nouvelle archive a une autre empreinte');
    await page.getByRole('button', { name: 'Enregistrer l’export' }).click();
    await page.getByRole('status').filter({ hasText: 'Export enregistré' }).waitFor();
    check(true, '« Enregistrer l’export » enregistre l’archive téléchargée');
    await state.getByText(/^0 entrée modifiée/).waitFor();
    check(await state.getByText(/Dernier export enregistré le/).isVisible(), 'l’état montre le dernier export');
    check((await page.getByRole('region', { name: 'Modifications depuis le dernier export' }).innerText()).includes('le registre exporté est à jour'), 'plus aucune modification');

    console.log('Les noms des attributs dans l’ENT');
    check((await page.getByLabel('Nom dans l’ENT, ligne 1').inputValue()) === 'entNom', 'la correspondance « sn » → « entNom » est affichée');
    await page.getByRole('button', { name: 'Ajouter une correspondance' }).click();
    await page.getByLabel('Nom lu par PRONOTE, ligne 2').fill('givenName');
    await page.getByLabel('Nom dans l’ENT, ligne 2').fill('entPrenom');
    await page.getByRole('button', { name: 'Enregistrer les noms des attributs' }).click();
    await page.getByRole('status').filter({ hasText: 'Noms des attributs enregistrés' }).waitFor();
    const after = (await api(url, '{ casRegistry { diff { changed { name } filesToReplace } } }', {}, token)).casRegistry;
    check(after.diff.changed.length > 0, `${after.diff.changed.length} services changent avec le nouveau nom`);
    const nowChanged = await state.getByText(/modifiées? depuis le dernier export/).innerText();
    check(figure(nowChanged) === after.diff.changed.length, `l’état compte les entrées modifiées (« ${nowChanged} »)`);
    const changes = page.getByRole('table', { name: 'Services modifiés, champ par champ' });
    const row = changes.getByRole('row', { name: new RegExp(`${after.diff.changed[0].name}.*Attributs diffusés`) });
    check((await row.innerText()).includes('givenName=entPrenom'), 'le diff montre le champ « Attributs diffusés » avant et après');
    const toReplace = page.getByRole('list', { name: /^À remplacer/ });
    check((await toReplace.getByRole('listitem').count()) === after.diff.filesToReplace.length, 'les fichiers à remplacer sont listés');
    await audit(page, 'Registre CAS (modifications)');
    await page.screenshot({ path: join(shots, '32-registre-cas-modifie.png'), fullPage: true });

    console.log('Le service d’une base dans un format');
    const chosen = before.services[1]?.name ?? before.services[0].name;
    await page.getByLabel('Service', { exact: true }).selectOption(chosen);
    const csvEvent = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV générique' }).click();
    const csv = await csvEvent;
    const csvText = readFileSync(await csv.path(), 'utf8');
    check(csv.suggestedFilename() === `${chosen}.csv` && csvText.includes('url_service') && csvText.includes(chosen), `le CSV de ${chosen} est téléchargé`);
    const apereoEvent = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Apereo CAS (JSON)' }).click();
    const apereo = JSON.parse(readFileSync(await (await apereoEvent).path(), 'utf8'));
    check(apereo['@class'] === 'org.apereo.cas.services.CasRegisteredService' && apereo.name === chosen, 'le fichier Apereo CAS de la base est téléchargé');
    await keyboardOnly(page, 'Registre CAS de l’ENT', check, {
      mustReach: [/Télécharger l’archive/, /CSV générique/, /Empreinte de l’archive installée/, /Ajouter une correspondance/, /Enregistrer les noms des attributs/],
    });
    await context.close();

    console.log('Un agent d’assistance');
    const other = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const helpdesk = await other.newPage();
    watchConsole(helpdesk, 'assistance', errors);
    const asked = [];
    helpdesk.on('request', (request) => {
      if (request.url().endsWith('/graphql') && /casRegistry/.test(request.postData() ?? '')) asked.push(request.postData());
    });
    await helpdesk.goto(`${url}/registre-cas`);
    await helpdesk.waitForURL(/\/connexion\?retour=/);
    await signIn(helpdesk, HELPDESK);
    await helpdesk.waitForURL(/\/registre-cas/);
    await helpdesk.getByRole('heading', { name: 'Accès refusé' }).waitFor();
    check(asked.length === 0, 'l’adresse du registre répond « Accès refusé » sans rien demander du registre');
    check((await helpdesk.getByRole('navigation').getByRole('link', { name: 'Registre CAS de l’ENT' }).count()) === 0, 'sa navigation n’offre pas le registre');
    await other.close();

    checkNoConsoleErrors(errors);
  } catch (error) {
    fail(error);
  } finally {
    await tearDown(browser, relais);
  }
  finish();
}

await main();
