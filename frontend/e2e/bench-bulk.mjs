// Benchmark of the bulk apply of pending model updates (issue 17, goal:
// 500 updates ≤ 30 s end to end, progress shown), on SQLite and, when it
// answers, PostgreSQL. For each database: a fresh `relais serve --demo`,
// 500 bases with an update pending seeded through the API
// (`pending-updates.mjs`), then in Debian's Chromium the operator filters
// « Mises à jour de modèles » on the model, selects the 500 bases and
// clicks « Appliquer »: the figure is the time from the click to the
// outcome of every base on screen (batches of 10 through
// `applyModelUpdates`). The baseline: 500 other bases updated the way the
// console could before, one `applyModelUpdate` request per base, one after
// the other.
//
// RELAIS_BIN or BENCH_PROFILE (debug by default: no release build on the
// shared machine), BENCH_COUNT (500), RELAIS_BENCH_POSTGRES_URL
// (postgres://postgres@127.0.0.1:5432). Writes bench/results/bulk-apply.txt.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { api, seedPendingUpdates } from './pending-updates.mjs';
import { startRelais } from './relais.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const profile = process.env.BENCH_PROFILE ?? 'debug';
const COUNT = Number(process.env.BENCH_COUNT ?? 500);
const GOAL_MS = 30_000;
const pgUrl = process.env.RELAIS_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const OPERATOR = 'operateur@demo.relais.localhost';
const PASSWORD = 'demo-relais-2026';

function postgresAnswers() {
  const { hostname, port } = new URL(pgUrl);
  return new Promise((ok) => {
    const socket = connect(Number(port || 5432), hostname, () => {
      socket.end();
      ok(true);
    });
    socket.on('error', () => ok(false));
  });
}

async function one(label, databaseUrl, browser) {
  if (databaseUrl) process.env.RELAIS_DATABASE__URL = databaseUrl;
  else delete process.env.RELAIS_DATABASE__URL;
  // No scheduled job competes with the measure (feeds, mail, sweeps).
  process.env.RELAIS_JOBS__ENABLED = 'false';
  const relais = await startRelais(profile);
  const { url } = relais;
  try {
    const token = (await api(url, 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}', { e: OPERATOR, p: PASSWORD })).login.accessToken;
    const seedStart = performance.now();
    await seedPendingUpdates(url, token, { name: 'ENT de mesure', count: COUNT, department: '49' });
    const baseline = await seedPendingUpdates(url, token, { name: 'ENT de référence', count: COUNT, department: '53' });
    const seedMs = performance.now() - seedStart;

    // Baseline: one request per base, one after the other.
    const baselineStart = performance.now();
    for (const base of baseline.bases) {
      await api(url, 'mutation($b: ID!) { applyModelUpdate(baseId: $b, expectedVersion: 2) { base { version } } }', { b: base.id }, token);
    }
    const baselineMs = performance.now() - baselineStart;

    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${url}/connexion?retour=%2Fmodeles%2Fmises-a-jour`);
    await page.getByLabel('Adresse e-mail').fill(OPERATOR);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    const listStart = performance.now();
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const model = page.getByLabel('Modèle', { exact: true });
    await model.locator('option', { hasText: 'ENT de mesure' }).waitFor({ state: 'attached', timeout: 120_000 });
    const listMs = performance.now() - listStart;
    await model.selectOption(await model.locator('option', { hasText: 'ENT de mesure' }).getAttribute('value'));
    await page.getByRole('checkbox', { name: `Sélectionner les ${COUNT} bases affichées` }).check();
    await page.getByText(`${COUNT} bases sélectionnées`).waitFor();

    // The page records each progress value it shows, with its time.
    await page.evaluate(() => {
      window.__progress = [];
      new MutationObserver(() => {
        const bar = document.getElementById('bulk-progress');
        if (bar) window.__progress.push([performance.now(), bar.value]);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
    });
    const start = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Appliquer la mise à jour aux bases sélectionnées' }).click();
    await page.getByRole('table', { name: 'Résultat par base' }).waitFor({ timeout: 300_000 });
    const end = await page.evaluate(() => performance.now());
    const progress = await page.evaluate(() => window.__progress);
    const applied = await page.locator('tr[data-status=APPLIED]').count();
    const firstProgress = progress.find(([, v]) => v > 0);
    await context.close();
    return {
      label,
      applied,
      ms: end - start,
      firstProgressMs: firstProgress ? firstProgress[0] - start : null,
      steps: new Set(progress.map(([, v]) => v)).size,
      baselineMs,
      listMs,
      seedMs,
    };
  } finally {
    relais.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(relais.dataDir, { recursive: true, force: true });
  }
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
const runs = [];
try {
  runs.push(await one('SQLite', null, browser));
  if (await postgresAnswers()) {
    const db = `relais_bulk_${process.pid}`;
    execFileSync('psql', [`${pgUrl}/postgres`, '-qc', `CREATE DATABASE ${db}`]);
    try {
      runs.push(await one('PostgreSQL', `${pgUrl}/${db}`, browser));
    } finally {
      execFileSync('psql', [`${pgUrl}/postgres`, '-qc', `DROP DATABASE ${db} WITH (FORCE)`]);
    }
  } else {
    console.error(`bench: no PostgreSQL at ${pgUrl}, measured on SQLite only`);
  }
} finally {
  await browser.close();
}

const s = (ms) => (ms / 1000).toFixed(1);
const load = execFileSync('uptime').toString().split('load average:')[1]?.trim() ?? '?';
const lines = [
  `Bulk apply of ${COUNT} pending model updates from the console (batches of 10, applyModelUpdates), ${profile} relais serve --demo, Chromium`,
  `goal: ${COUNT} applied in ≤ ${GOAL_MS / 1000} s; baseline: the same number through applyModelUpdate, one request per base; load ${load}`,
  '',
  `${'database'.padEnd(11)} ${'applied'.padStart(7)} ${'bulk s'.padStart(7)} ${'1st prog. s'.padStart(11)} ${'progress steps'.padStart(14)} ${'baseline s'.padStart(10)} ${'ratio'.padStart(6)} ${'/goal'.padStart(6)}  verdict  ${'list s'.padStart(6)} ${'seed s'.padStart(6)}`,
  ...runs.map(
    (r) =>
      `${r.label.padEnd(11)} ${String(r.applied).padStart(7)} ${s(r.ms).padStart(7)} ${(r.firstProgressMs === null ? '-' : s(r.firstProgressMs)).padStart(11)} ${String(r.steps).padStart(14)} ${s(r.baselineMs).padStart(10)} ${(r.ms / r.baselineMs).toFixed(2).padStart(6)} ${(r.ms / GOAL_MS).toFixed(2).padStart(6)}  ${r.applied === COUNT && r.ms <= GOAL_MS ? 'met    ' : 'NOT met'}  ${s(r.listMs).padStart(6)} ${s(r.seedMs).padStart(6)}`,
  ),
];
const text = `${lines.join('\n')}\n`;
process.stdout.write(text);
mkdirSync(join(repo, 'bench', 'results'), { recursive: true });
writeFileSync(join(repo, 'bench', 'results', 'bulk-apply.txt'), text);
process.exit(runs.every((r) => r.applied === COUNT) ? 0 : 1);
