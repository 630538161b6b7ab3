// End-to-end journeys of the operator's daily tools (issue 17) on a real
// `relais serve --demo`, in Debian's Chromium:
// - « Mises à jour de modèles »: 20 bases with a pending update, all
//   selected, one of them published meanwhile by someone else; the bulk
//   apply shows its progress and the outcome of each base; the published
//   one is reported and left as it was.
// - « Importer des établissements »: a CSV with a bad line; the dry run
//   shows it with its reason, the import stays refused until the file is
//   fixed, then imports.
// - « Courriels »: an e-mail the mail server never took is FAILED with its
//   last error; « Renvoyer » puts it back in the queue, audited.
// - A school administrator reaching those addresses gets « Accès refusé ».
// axe-core on every state: 0 serious or critical violations.
//
// RELAIS_BIN: the relais binary (default: $CARGO_TARGET_DIR/debug/relais).
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { audit, check, checkNoConsoleErrors, chromiumPath, DEMO_PASSWORD, fail, finish, OPERATOR, SCHOOL, shots, signIn, tearDown, watchConsole } from './journey.mjs';
import { keyboardOnly } from './keyboard.mjs';
import { api, seedPendingUpdates, uai } from './pending-updates.mjs';
import { startRelais } from './relais.mjs';

const MODEL = 'ENT Parcours de recette';

/** A loopback port nothing listens on: the SMTP server that never answers. */
function closedPort() {
  return new Promise((ok, ko) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.on('error', ko);
  });
}

async function until(what, probe, tries = 150) {
  for (let i = 0; i < tries; i += 1) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function main() {
  // Mail goes to an SMTP server that is not there, given up on at the
  // first failure: the outbox gets a FAILED message to requeue.
  Object.assign(process.env, {
    RELAIS_MAIL__TRANSPORT: 'smtp',
    RELAIS_MAIL__SMTP__HOST: '127.0.0.1',
    RELAIS_MAIL__SMTP__PORT: String(await closedPort()),
    RELAIS_MAIL__SMTP__TLS: 'none',
    RELAIS_MAIL__MAX_ATTEMPTS: '1',
    RELAIS_MAIL__SEND_INTERVAL_SECONDS: '1',
  });
  const relais = await startRelais('debug');
  const { url } = relais;
  console.log(`relais serve --demo sur ${url}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const errors = [];
  try {
    const token = (await api(url, 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}', { e: OPERATOR, p: DEMO_PASSWORD })).login.accessToken;
    const { bases } = await seedPendingUpdates(url, token, { name: MODEL, count: 20 });
    const published = bases[7];

    const a = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
    const page = await a.newPage();
    watchConsole(page, 'opérateur', errors);

    console.log('Mises à jour de modèles en attente');
    await page.goto(`${url}/modeles/mises-a-jour`);
    await page.waitForURL(/\/connexion\?retour=/);
    await signIn(page, OPERATOR);
    await page.waitForURL(/\/modeles\/mises-a-jour$/);
    await page.getByRole('heading', { name: 'Mises à jour de modèles en attente', level: 1 }).waitFor();
    check(await page.getByRole('navigation').getByRole('link', { name: 'Mises à jour de modèles' }).isVisible(), 'la navigation de l’opérateur mène aux mises à jour de modèles');
    const model = page.getByLabel('Modèle', { exact: true });
    await model.locator('option', { hasText: MODEL }).waitFor({ state: 'attached' });
    const modelValue = await model.locator('option', { hasText: MODEL }).getAttribute('value');
    await model.selectOption(modelValue);
    const table = page.getByRole('table', { name: /^20 bases affichées sur \d+$/ });
    await table.waitFor();
    check(true, `le filtre « Modèle » garde les 20 bases du modèle « ${MODEL} »`);
    await audit(page, 'Mises à jour de modèles');
    await page.getByRole('checkbox', { name: 'Sélectionner les 20 bases affichées' }).check();
    await page.getByText('20 bases sélectionnées').waitFor();
    check(true, 'une case sélectionne les 20 bases affichées');
    await audit(page, 'Mises à jour de modèles (20 sélectionnées)');
    await keyboardOnly(page, 'Mises à jour de modèles', check, {
      mustReach: [/Rechercher par UAI ou nom/, /Appliquer la mise à jour aux bases sélectionnées/, /Sélectionner la base /],
    });
    await page.screenshot({ path: join(shots, '30-mises-a-jour-modeles.png'), fullPage: true });

    // Meanwhile, someone else publishes one of them.
    const now = await api(url, 'query($id: ID!) { base(id: $id) { version } }', { id: published.id }, token);
    await api(url, 'mutation($b: ID!, $v: Int!) { setPublication(baseId: $b, version: $v, publication: PUBLISHED) { version } }', { b: published.id, v: now.base.version }, token);

    // The bar's values are sampled in the page, at every frame and every
    // change of the DOM: sampled from here, a fast run could finish a batch
    // between two round trips.
    await page.evaluate(() => {
      const seen = [];
      const sample = () => {
        const bar = document.querySelector('#bulk-progress');
        if (bar) seen.push(bar.value);
      };
      const observer = new MutationObserver(sample);
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      const frame = () => {
        sample();
        window.__progressFrame = requestAnimationFrame(frame);
      };
      frame();
      window.__progressSeen = seen;
      window.__progressObserver = observer;
    });
    await page.getByRole('button', { name: 'Appliquer la mise à jour aux bases sélectionnées' }).click();
    const result = page.getByRole('table', { name: 'Résultat par base' });
    await result.waitFor({ timeout: 60_000 });
    const progressSeen = await page.evaluate(() => {
      cancelAnimationFrame(window.__progressFrame);
      window.__progressObserver.disconnect();
      return window.__progressSeen;
    });
    const seen = [...new Set(progressSeen)];
    check(seen.length >= 2, `la barre de progression avance pendant l’application (${seen.join(', ')} bases traitées)`);
    const applied = await result.locator('tr[data-status=APPLIED]').count();
    const refused = result.locator('tr[data-status=REFUSED]');
    check(applied === 19 && (await refused.count()) === 1, `19 bases mises à jour, 1 refusée (${applied} / ${await refused.count()})`);
    const refusedText = await refused.first().innerText();
    check(refusedText.includes(published.groupUai) && /publication/i.test(refusedText), `la base publiée entre-temps est signalée : « ${refusedText.replace(/\s+/g, ' ')} »`);
    check((await page.getByText(/19 bases mises à jour, 1 base refusée/).count()) === 1, 'le bilan dit 19 mises à jour et 1 refusée');
    const after = await api(
      url,
      'query($id: ID!) { base(id: $id) { publication settings { casUrls { root } } model { appliedRevision pendingUpdate { toRevision } } } }',
      { id: published.id },
      token,
    );
    check(
      after.base.publication === 'PUBLISHED' && after.base.model.appliedRevision === 1 && after.base.model.pendingUpdate?.toRevision === 2,
      'la base publiée n’a pas été forcée : toujours publiée, toujours en attente de la révision 2',
    );
    const other = await api(url, 'query($id: ID!) { base(id: $id) { model { appliedRevision pendingUpdate { toRevision } } } }', { id: bases[0].id }, token);
    check(other.base.model.appliedRevision === 2 && other.base.model.pendingUpdate === null, 'une base arrêtée a reçu la révision 2');
    await page.getByRole('table', { name: /^1 base affichée sur \d+$/ }).waitFor();
    check(true, 'la liste relue ne garde que la base refusée');
    await audit(page, 'Mises à jour de modèles (résultat)');
    await page.screenshot({ path: join(shots, '31-mises-a-jour-resultat.png'), fullPage: true });

    console.log('Importer des établissements');
    await page.getByRole('navigation').getByRole('link', { name: 'Importer des établissements' }).click();
    await page.getByRole('heading', { name: 'Importer des établissements', level: 1 }).waitFor();
    await audit(page, 'Importer des établissements');
    const good = [uai('0370101'), uai('0370102')];
    const header = 'uai;nom;type;commune;code_postal;academie;etat';
    const bad = `${header}\n${good[0]};Collège Ronsard;Collège;Tours;37000;Orléans-Tours;ouvert\n0370ABC;Collège sans UAI;Collège;Tours;37000;Orléans-Tours;ouvert\n${good[1]};Lycée Balzac;Lycée;Tours;37000;Orléans-Tours;ouvert\n`;
    const file = page.getByLabel('Fichier CSV des établissements');
    await file.setInputFiles({ name: 'etablissements.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    const rejected = page.getByRole('table', { name: '1 ligne refusée' });
    await rejected.waitFor();
    const line = (await rejected.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ');
    check(/^3 /.test(line) && line.includes('0370ABC') && line.length > 25, `la vérification montre la ligne refusée et sa raison : « ${line} »`);
    check(await page.getByRole('button', { name: 'Importer', exact: true }).isDisabled(), 'l’import est refusé tant qu’une ligne est refusée');
    await audit(page, 'Importer des établissements (ligne refusée)');
    await page.screenshot({ path: join(shots, '32-import-ligne-refusee.png'), fullPage: true });
    const fixed = bad.replace('0370ABC', uai('0370103'));
    await file.setInputFiles({ name: 'etablissements.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.getByRole('table', { name: '3 lignes du fichier' }).waitFor();
    await page.getByRole('button', { name: 'Importer 3 lignes' }).click();
    await page.getByText('Import terminé').waitFor();
    check((await page.getByText(/3 établissements créés/).count()) === 1, 'le fichier corrigé s’importe : 3 établissements créés');
    const imported = await api(url, 'query($u: String!) { establishments(first: 5, filter: { uaiPrefix: $u }) { nodes { uai name } } }', { u: good[1] }, token);
    check(imported.establishments.nodes.some((e) => e.name === 'Lycée Balzac'), 'l’établissement importé existe');
    await audit(page, 'Importer des établissements (import fait)');

    console.log('Courriels');
    const school = (await api(url, '{ users(first: 100) { nodes { id email } } }', {}, token)).users.nodes.find((u) => u.email === SCHOOL);
    await api(url, 'mutation($u: ID!) { requestPasswordReset(userId: $u) }', { u: school.id }, token);
    await until('a FAILED e-mail', async () => (await api(url, '{ outboxMessages(status: FAILED, first: 5) { nodes { id } } }', {}, token)).outboxMessages.nodes.length > 0);
    await page.getByRole('navigation').getByRole('link', { name: 'Courriels' }).click();
    await page.getByRole('heading', { name: 'Courriels', level: 1 }).waitFor();
    await page.getByLabel('État').selectOption('FAILED');
    await page.waitForURL(/\/courriels\?etat=FAILED$/);
    const failed = page.getByRole('row').filter({ has: page.getByRole('button', { name: /^Renvoyer le courriel/ }) }).first();
    await failed.waitFor();
    const failedText = (await failed.innerText()).replace(/\s+/g, ' ');
    check(/en échec/i.test(failedText) && /\b1\b/.test(failedText) && failedText.length > 60, `un courriel en échec montre son état, ses tentatives et sa dernière erreur : « ${failedText.slice(0, 200)} »`);
    await audit(page, 'Courriels (en échec)');
    await keyboardOnly(page, 'Courriels', check, { mustReach: [/^Renvoyer le courriel/] });
    await page.screenshot({ path: join(shots, '33-courriels.png'), fullPage: true });
    await failed.getByRole('button', { name: /^Renvoyer le courriel/ }).click();
    await page.getByText(/est remis en file d’attente/).waitFor();
    check(true, '« Renvoyer » remet le courriel en file d’attente');
    const audited = await api(url, '{ auditEvents(first: 20) { nodes { action } } }', {}, token);
    check(audited.auditEvents.nodes.some((e) => e.action === 'OUTBOX_MESSAGE_REQUEUED'), 'le renvoi est inscrit au journal d’audit');
    await audit(page, 'Courriels (renvoyé)');
    await a.close();

    console.log('Un administrateur d’établissement');
    const b = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const schoolPage = await b.newPage();
    watchConsole(schoolPage, 'établissement', errors);
    const asked = [];
    schoolPage.on('request', (request) => {
      if (request.url().endsWith('/graphql') && /outboxMessages|pendingModelUpdate|importEstablishments/.test(request.postData() ?? '')) asked.push(request.postData());
    });
    await schoolPage.goto(`${url}/modeles/mises-a-jour`);
    await schoolPage.waitForURL(/\/connexion\?retour=/);
    await signIn(schoolPage, SCHOOL);
    await schoolPage.waitForURL(/\/modeles\/mises-a-jour$/);
    for (const path of ['/modeles/mises-a-jour', '/etablissements/import', '/courriels']) {
      if (!schoolPage.url().endsWith(path)) await schoolPage.goto(`${url}${path}`);
      await schoolPage.getByRole('heading', { name: 'Accès refusé' }).waitFor();
      check(true, `${path} répond « Accès refusé » à un administrateur d’établissement`);
    }
    check(asked.length === 0 && (await schoolPage.locator('table').count()) === 0, 'aucune donnée de la région n’est demandée ni montrée');
    for (const name of ['Mises à jour de modèles', 'Importer des établissements', 'Courriels']) {
      check((await schoolPage.getByRole('navigation').getByRole('link', { name }).count()) === 0, `sa navigation n’offre pas « ${name} »`);
    }
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
