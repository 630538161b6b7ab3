// End-to-end journey of the operator's « Tableau de bord régional » (issue
// 17) on a real `relais serve --demo`, in Debian's Chromium: the operator
// filters and sorts the dashboard, the address restores the view in
// another tab, the CSV export holds the rows shown, a chart's bar filters
// the table; a school administrator reaching the address is refused and
// never asks for the data. axe-core on every state: 0 serious or critical
// violations.
//
// RELAIS_BIN: the relais binary (default: $CARGO_TARGET_DIR/debug/relais).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { api, audit, check, checkNoConsoleErrors, chromiumPath, DEMO_PASSWORD, fail, finish, OPERATOR, refreshModelFeeds, SCHOOL, shots, signIn, tearDown, watchConsole } from './journey.mjs';
import { keyboardOnly } from './keyboard.mjs';
import { startRelais } from './relais.mjs';

const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const figure = (text) => Number(text.replace(/\D/g, ''));

/**
 * The table's caption once every page is read and, with `shows`, once it
 * shows that many establishments (the filtered rows render after the
 * typing: React's deferred value).
 */
async function caption(page, shows) {
  const table = page.locator('.region-scroll');
  await table.waitFor();
  const id = await table.getAttribute('aria-labelledby');
  const label = page.locator(`[id="${id}"]`);
  const settled = (text) => !/Chargement/.test(text) && (shows === undefined || figure(text.split('sur')[0]) === shows);
  for (let i = 0; i < 100 && !settled(await label.innerText()); i += 1) await page.waitForTimeout(100);
  return label.innerText();
}

/** A column header's `aria-sort` once it says `ascending` (or after 5 s). */
async function sortOf(header, page) {
  let sort = await header.getAttribute('aria-sort');
  for (let i = 0; i < 50 && sort !== 'ascending'; i += 1) {
    await page.waitForTimeout(100);
    sort = await header.getAttribute('aria-sort');
  }
  return sort;
}

async function main() {
  const relais = await startRelais('debug');
  const { url } = relais;
  console.log(`relais serve --demo sur ${url}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const errors = [];
  try {
    // What the API says of the region, to compare with what the console shows.
    const operatorToken = (await api(url, 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}', { e: OPERATOR, p: DEMO_PASSWORD })).login.accessToken;
    // The scheduled feed refresh done now, not in the middle of the journey.
    await refreshModelFeeds(url, operatorToken);
    const all = [];
    let after = null;
    for (;;) {
      const page = (await api(url, 'query($a:String){dashboard(first:1000,after:$a){hasNextPage endCursor rows{uai name publication errors}}}', { a: after }, operatorToken)).dashboard;
      all.push(...page.rows);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    const stoppedLycees = all.filter((r) => r.publication === 'STOPPED' && fold(r.name).includes('lycee'));
    const stopped = all.filter((r) => r.publication === 'STOPPED');

    const a = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const page = await a.newPage();
    watchConsole(page, 'opérateur', errors);

    console.log('Tableau de bord régional (opérateur)');
    await page.goto(`${url}/tableau-de-bord`);
    await page.waitForURL(/\/connexion\?retour=/);
    await signIn(page, OPERATOR);
    await page.waitForURL(/\/tableau-de-bord$/);
    await page.getByRole('heading', { name: 'Tableau de bord régional', level: 1 }).waitFor();
    check(await page.getByRole('navigation').getByRole('link', { name: 'Tableau de bord régional' }).isVisible(), 'la navigation de l’opérateur mène au tableau de bord');
    const whole = await caption(page);
    check(figure(whole) === all.length, `le tableau montre les ${all.length} établissements de la région (« ${whole} »)`);
    const rendered = await page.locator('.region-table tbody tr:not(.region-pad)').count();
    check(rendered > 0 && rendered < 80, `seules les lignes visibles sont dans la page (${rendered})`);
    await page.getByRole('figure', { name: /Bases par état de publication/ }).getByText('Publiées').waitFor();
    check(true, 'les graphiques de la région s’affichent');
    await audit(page, 'Tableau de bord régional');
    await page.screenshot({ path: join(shots, '20-tableau-de-bord.png'), fullPage: true });

    console.log('Filtres, tri et adresse');
    await page.getByLabel('Publication', { exact: true }).selectOption('STOPPED');
    await page.getByLabel('Rechercher par UAI ou nom').fill('lycée');
    await page.waitForURL(/publication=STOPPED/);
    await page.waitForURL(/q=lyc/);
    const filtered = await caption(page, stoppedLycees.length);
    check(
      figure(filtered.split('sur')[0]) === stoppedLycees.length && figure(filtered.split('sur')[1] ?? '') === all.length,
      `« Arrêtée » et « lycée » gardent ${stoppedLycees.length} établissements (« ${filtered} »)`,
    );
    const table = page.locator('.region-table');
    await table.getByRole('button', { name: /Constats/ }).click();
    await page.waitForURL(/tri=constats/);
    // The address changes first; the header's state follows on the next render.
    check((await sortOf(table.getByRole('columnheader', { name: /Constats/ }), page)) === 'ascending', 'l’en-tête « Constats » trie (aria-sort)');
    const shownNames = await table.locator('tbody tr:not(.region-pad) td:nth-child(2)').allInnerTexts();
    check(shownNames.length > 0 && shownNames.every((n) => fold(n).includes('lycee')), 'les lignes affichées sont des lycées');
    const shownPublication = await table.locator('tbody tr:not(.region-pad) td:nth-child(9)').allInnerTexts();
    check(shownPublication.every((p) => p.trim() === 'Arrêtée'), 'les lignes affichées ont une base arrêtée');
    const mostErrors = Math.max(0, ...stoppedLycees.map((r) => r.errors));
    const firstFindings = await table.locator('tbody tr:not(.region-pad)').first().locator('td').nth(10).innerText();
    check(mostErrors === 0 || firstFindings.includes(`${mostErrors} err`), `le tri par constats met d’abord le plus d’erreurs (${mostErrors})`);
    await audit(page, 'Tableau de bord régional (filtré)');
    await page.screenshot({ path: join(shots, '21-tableau-de-bord-filtre.png'), fullPage: true });
    const shared = page.url();

    console.log('Export CSV de la vue');
    const downloadEvent = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter la vue en CSV' }).click();
    const download = await downloadEvent;
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.split('\r\n').filter(Boolean);
    check(/^tableau-de-bord-\d{4}-\d{2}-\d{2}\.csv$/.test(download.suggestedFilename()), `le fichier s’appelle ${download.suggestedFilename()}`);
    check(lines[0].startsWith('UAI;Nom;Type;Commune') && lines.length === stoppedLycees.length + 1, `le CSV contient l’en-tête et les ${stoppedLycees.length} lignes de la vue`);

    console.log('Une vue partagée');
    const other = await a.newPage();
    watchConsole(other, 'vue partagée', errors);
    await other.goto(shared);
    const restored = await caption(other, stoppedLycees.length);
    check(restored === filtered, `l’adresse rouvre la même vue (« ${restored} »)`);
    check((await other.getByLabel('Publication', { exact: true }).inputValue()) === 'STOPPED', 'le filtre « Publication » est rétabli');
    check((await other.getByLabel('Rechercher par UAI ou nom').inputValue()) === 'lycée', 'la recherche est rétablie');
    check((await sortOf(other.locator('.region-table').getByRole('columnheader', { name: /Constats/ }), other)) === 'ascending', 'le tri est rétabli');
    await other.close();

    console.log('Un graphique filtre le tableau');
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.getByRole('button', { name: 'Afficher les établissements des bases arrêtées' }).click();
    await page.waitForURL(/\?publication=STOPPED$/);
    const fromChart = await caption(page, stopped.length);
    check(figure(fromChart.split('sur')[0]) === stopped.length, `la barre « Arrêtées » montre les ${stopped.length} établissements des bases arrêtées`);
    await keyboardOnly(page, 'Tableau de bord régional', check, {
      mustReach: [/Rechercher par UAI ou nom/, /Exporter la vue en CSV/, /Afficher les établissements des bases arrêtées/, /^Constats/, /^Base \S+ de /],
    });
    await page.goto(`${url}/`);
    await page.waitForURL(/\/tableau-de-bord$/);
    check(true, 'l’accueil de l’opérateur est le tableau de bord régional');
    await a.close();

    console.log('Un administrateur d’établissement');
    const b = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const school = await b.newPage();
    watchConsole(school, 'établissement', errors);
    const asked = [];
    school.on('request', (request) => {
      if (request.url().endsWith('/graphql') && /dashboard|basesSummary|driftedBases/.test(request.postData() ?? '')) asked.push(request.postData());
    });
    await school.goto(`${url}/tableau-de-bord?publication=STOPPED`);
    await school.waitForURL(/\/connexion\?retour=/);
    await signIn(school, SCHOOL);
    await school.waitForURL(/\/tableau-de-bord/);
    await school.getByRole('heading', { name: 'Accès refusé' }).waitFor();
    check(true, 'l’adresse du tableau de bord répond « Accès refusé » à un administrateur d’établissement');
    check((await school.locator('table').count()) === 0 && asked.length === 0, 'aucune donnée de la région n’est demandée ni montrée');
    check((await school.getByRole('navigation').getByRole('link', { name: 'Tableau de bord régional' }).count()) === 0, 'sa navigation n’offre pas le tableau de bord');
    await audit(school, 'Accès refusé');
    await keyboardOnly(school, 'Accès refusé', check, { mustReach: [/Revenir à mes établissements/] });
    await school.screenshot({ path: join(shots, '22-acces-refuse.png'), fullPage: true });
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
