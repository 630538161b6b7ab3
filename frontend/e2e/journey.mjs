// What every end-to-end journey shares (run.mjs, region.mjs, admin.mjs,
// cas-registry.mjs, operations.mjs and the others): the demo's accounts, the browser, the
// screenshots folder, the counted checks, the API call, the axe-core audit,
// the console's errors and the sign-in form.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';

const here = dirname(fileURLToPath(import.meta.url));
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const shots = join(here, 'screenshots');
mkdirSync(shots, { recursive: true });

export const DEMO_PASSWORD = 'demo-relais-2026';
export const SCHOOL = 'etablissement@demo.relais.localhost';
export const OPERATOR = 'operateur@demo.relais.localhost';
export const HELPDESK = 'assistance@demo.relais.localhost';

let failures = 0;
let steps = 0;
/** What failed, repeated by `finish` so that the end of a long log names it. */
const failed = [];

/** One check of the journey, printed ✓ or ✗ and counted. */
export function check(condition, what) {
  steps += 1;
  if (condition) console.log(`  ✓ ${what}`);
  else {
    failures += 1;
    failed.push(what);
    console.error(`  ✗ ${what}`);
  }
}

/** A journey interrupted by an exception: counted as a failure. */
export function fail(error) {
  failures += 1;
  failed.push(`interrompu : ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  console.error(error);
}

/** Prints the count of checks passed and ends the process (1 if one failed). */
export function finish() {
  for (const what of failed) console.error(`  échec : ${what}`);
  console.log(`${steps - failures}/${steps} vérifications réussies`);
  process.exit(failures === 0 ? 0 : 1);
}

/** A GraphQL call to `url`; throws on an error answer. */
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

/**
 * Fetches every model feed now, as the demo's scheduled refresh would within
 * a minute: the demo's feed holds a newer revision of the model its bases
 * applied, so pending updates appear then. Done before a journey reads the
 * pages, so that they do not change under it (a chart's bar appearing in
 * the middle of a keyboard walk).
 */
export async function refreshModelFeeds(url, token) {
  const sources = await api(url, '{ modelSources { id } }', {}, token);
  for (const source of sources.modelSources) {
    await api(url, 'mutation($id: ID!) { refreshModelFeed(id: $id) { __typename } }', { id: source.id }, token);
  }
}

/**
 * Waits for the page's transitions to end (a dialog fading in), so that axe
 * reads the colours as shown: no running animation and a fully opaque dialog
 * for several polls in a row (Mantine starts the transition a frame after
 * the dialog appears). Polled with evaluate: waitForFunction evaluates a
 * string, which the console's CSP forbids.
 */
export async function settled(page) {
  let quiet = 0;
  for (let i = 0; i < 100 && quiet < 5; i += 1) {
    const still = await page.evaluate(() => {
      const dialog = document.querySelector('[role=dialog]');
      const opaque = !dialog || Number(getComputedStyle(dialog).opacity) === 1;
      return opaque && document.getAnimations().every((a) => a.playState !== 'running');
    });
    quiet = still ? quiet + 1 : 0;
    await page.waitForTimeout(60);
  }
}

/** axe-core on the page as shown (after its transitions), 0 serious or critical violations. */
export async function audit(page, name) {
  await settled(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of bad) console.error(`    axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  check(bad.length === 0, `${name} : 0 violation grave ou critique (axe-core, ${results.passes.length} règles respectées)`);
}

/** Collects the page's console errors (an expected 401 aside) into `errors`. */
export function watchConsole(page, label, errors) {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/status of 401/.test(message.text())) return;
    errors.push(`${label}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${label}: ${error.message}`));
}

/** Fills and sends the sign-in form (with the demo's password unless told). */
export async function signIn(page, email, password = DEMO_PASSWORD) {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** The check that the browser's console showed no error during the journey. */
export function checkNoConsoleErrors(errors) {
  check(errors.length === 0, `aucune erreur dans la console du navigateur${errors.length ? ` :\n      ${errors.join('\n      ')}` : ''}`);
}

/** Closes the browser, stops `relais serve` and removes its data. */
export async function tearDown(browser, relais) {
  await browser.close();
  relais.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(relais.dataDir, { recursive: true, force: true });
}
