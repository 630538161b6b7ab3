// The regional dashboard's figures (issue 17, docs/performance.md): a
// release `relais serve` on a fresh SQLite database seeded by
// bench/seed_region.py (10,000 establishments, 3,000 bases), the console
// (frontend/dist) in Debian's Chromium:
// - first rows visible after navigation (Performance API, from the
//   navigation's start), and every page read, over LOADS loads;
// - a filter, the search and a sort applied: from the change to the
//   table showing the result and the next frame, measured in the page;
// - long tasks (> 50 ms) while scrolling the table with the wheel.
//
// RELAIS_BIN: the relais binary (default: $CARGO_TARGET_DIR/release/relais).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { relaisBinary } from './relais.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, '..');
const repo = resolve(frontend, '..');
const LOADS = Number(process.env.LOADS ?? 20);
const REPEATS = Number(process.env.REPEATS ?? 20);

function freePort() {
  return new Promise((ok, ko) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.on('error', ko);
  });
}

const bin = relaisBinary('release');
const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'relais-region-'));
const env = {
  ...process.env,
  RELAIS_DATA_DIR: dataDir,
  RELAIS_HTTP__HOST: '127.0.0.1',
  RELAIS_HTTP__PORT: String(port),
  RELAIS_CONSOLE__DIRECTORY: join(frontend, 'dist'),
  RELAIS_LOG__LEVEL: 'warn',
  RELAIS_JOBS__ENABLED: 'false',
  RELAIS_BOOTSTRAP__ADMIN_EMAIL: 'admin@bench.test',
  RELAIS_BOOTSTRAP__ADMIN_PASSWORD: 'bench-admin-password',
  RELAIS_NEW_USER_PASSWORD: 'bench-operator-password',
};
execFileSync(bin, ['admin', 'create-tenant', '--slug', 'bench', '--name', 'Opérateur de mesure', '--contact-email', 'contact@bench.test', '--helpdesk-email', 'assistance@bench.test'], { env, cwd: dataDir, stdio: 'ignore' });
execFileSync(bin, ['admin', 'create-user', '--email', 'operateur@bench.test', '--name', 'Opératrice', '--role', 'OPERATOR_ADMIN', '--tenant', 'bench'], { env, cwd: dataDir, stdio: 'ignore' });
const server = spawn(bin, ['serve'], { env, cwd: dataDir, stdio: 'ignore' });
const url = `http://127.0.0.1:${port}`;
for (let i = 0; i < 300; i += 1) {
  try {
    if ((await fetch(`${url}/readyz`)).ok) break;
  } catch {
    // not yet
  }
  await new Promise((r) => setTimeout(r, 100));
}

const percentile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const summary = (values) => `p50 ${percentile(values, 0.5).toFixed(0)} ms, p95 ${percentile(values, 0.95).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const login = await (
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(email: "operateur@bench.test", password: "bench-operator-password") { accessToken } }' }),
    })
  ).json();
  const seeding = Date.now();
  execFileSync('python3', [join(repo, 'bench/seed_region.py'), `${url}/graphql`, login.data.login.accessToken], { stdio: 'inherit' });
  console.log(`seeded in ${((Date.now() - seeding) / 1000).toFixed(0)} s`);

  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}/connexion`);
  await page.getByLabel('Adresse e-mail').fill('operateur@bench.test');
  await page.getByLabel('Mot de passe').fill('bench-operator-password');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/etablissements$/);

  const firstRows = [];
  const everyRow = [];
  for (let i = 0; i < LOADS; i += 1) {
    await page.goto(`${url}/tableau-de-bord`);
    await page.locator('.region-table tbody tr:not(.region-pad)').first().waitFor({ timeout: 60_000 });
    firstRows.push(await page.evaluate(() => performance.now()));
    // Polled in the page (waitForFunction evaluates a string: the CSP refuses it).
    everyRow.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const poll = () => {
              const scroll = document.querySelector('.region-scroll');
              const label = scroll && document.getElementById(scroll.getAttribute('aria-labelledby'));
              if (label && !/Chargement/.test(label.textContent)) resolve(performance.now());
              else requestAnimationFrame(poll);
            };
            poll();
          }),
      ),
    );
  }
  const rows = await page.evaluate(() => document.getElementById(document.querySelector('.region-scroll').getAttribute('aria-labelledby')).textContent);
  const load = loadavg()[0].toFixed(1);
  console.log(`region dashboard first rows visible over ${LOADS} loads (${rows}, ${bin}, Chromium, load average ${load}): ${summary(firstRows)}; goal p95 ≤ 1500 ms, ratio ${(percentile(firstRows, 0.95) / 1500).toFixed(2)}`);
  console.log(`region dashboard every page read (10 requests of 1,000 rows, one after the other): ${summary(everyRow)}`);

  // One change applied: from the change event to the caption saying the
  // new count, then the next frame painted.
  const applied = (kind) =>
    page.evaluate(async (kind) => {
      const scroll = document.querySelector('.region-scroll');
      const label = document.getElementById(scroll.getAttribute('aria-labelledby'));
      const before = label.textContent;
      const header = () => [...document.querySelectorAll('.region-table th')].find((th) => th.textContent.startsWith('Constats'))?.getAttribute('aria-sort');
      const headerBefore = header();
      const t0 = performance.now();
      if (kind === 'sort') {
        [...document.querySelectorAll('.region-table th button')].find((b) => b.textContent.startsWith('Constats')).click();
      } else {
        const select = [...document.querySelectorAll('select')].find((s) => s.labels?.[0]?.textContent === kind.label);
        select.value = kind.value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }
      await new Promise((resolve) => {
        const done = () => (kind === 'sort' ? header() !== headerBefore : document.getElementById(document.querySelector('.region-scroll')?.getAttribute('aria-labelledby'))?.textContent !== before);
        const poll = () => (done() ? resolve() : requestAnimationFrame(poll));
        poll();
      });
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    }, kind);
  const filterTimes = [];
  const sortTimes = [];
  for (let i = 0; i < REPEATS; i += 1) {
    filterTimes.push(await applied({ label: 'Publication', value: 'STOPPED' }));
    filterTimes.push(await applied({ label: 'Publication', value: '' }));
    sortTimes.push(await applied('sort'));
  }
  console.log(`region dashboard filter applied (« Publication », set then cleared, ${filterTimes.length} times, load average ${loadavg()[0].toFixed(1)}): ${summary(filterTimes)}; goal p95 ≤ 200 ms, ratio ${(percentile(filterTimes, 0.95) / 200).toFixed(2)}`);
  console.log(`region dashboard sort applied (« Constats », both directions, ${sortTimes.length} times): ${summary(sortTimes)}; goal p95 ≤ 200 ms, ratio ${(percentile(sortTimes, 0.95) / 200).toFixed(2)}`);

  // Long tasks while scrolling with the wheel.
  const region = page.locator('.region-scroll');
  await region.scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
  const box = await region.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 300; i += 1) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(200);
  const tasks = await page.evaluate(() => window.__longTasks);
  console.log(`region dashboard scroll (300 wheel steps of 600 px, load average ${loadavg()[0].toFixed(1)}): long tasks over 50 ms: ${tasks.filter((t) => t > 50).length}, longest ${tasks.length ? Math.max(...tasks).toFixed(0) : 0} ms; goal 0`);
  await context.close();
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(dataDir, { recursive: true, force: true });
}
