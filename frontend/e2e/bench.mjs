// Console figures for `make bench` (docs/performance.md):
// - the JavaScript the sign-in page loads, gzip (Vite's manifest: the entry,
//   its static imports, the sign-in route's chunk and its imports);
// - the base page "interactive" (the settings editor's save button shown,
//   data loaded) over 20 loads in Chromium, from the Performance API's
//   navigation start, on a release `relais serve --demo`;
// - long tasks while scrolling the rapprochement's users table of a lycée of
//   3,000 pupils (PerformanceObserver 'longtask'), seeded through the API
//   with the files of the `lycee_export` example (LYCEE_EXPORT_BIN).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { relaisBinary, startRelais } from './relais.mjs';
import { loadavg, tmpdir } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '..', 'dist');
const LOADS = 20;

function signInBytes() {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key]?.imports ?? []) visit(dep);
  };
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  visit(entry);
  const signIn = Object.keys(manifest).find((k) => k.includes('SignInPage'));
  visit(signIn);
  let raw = 0;
  let gzip = 0;
  for (const key of seen) {
    const file = manifest[key].file;
    if (!file.endsWith('.js')) continue;
    const bytes = readFileSync(join(dist, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip, chunks: seen.size };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const size = signInBytes();
console.log(`console sign-in JS: ${kb(size.gzip)} gzip (${kb(size.raw)} raw, ${size.chunks} chunks); goal ≤ 200 KB gzip, ratio ${(size.gzip / (200 * 1024)).toFixed(2)}`);

const relais = await startRelais('release');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${relais.url}/connexion`);
  await page.getByLabel('Adresse e-mail').fill('etablissement@demo.relais.localhost');
  await page.getByLabel('Mot de passe').fill('demo-relais-2026');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.locator('tbody tr a').first().waitFor();
  await page.locator('tbody tr a').first().click();
  await page.getByRole('button', { name: 'Enregistrer les paramètres' }).waitFor();
  const baseUrl = page.url();
  const times = [];
  for (let i = 0; i < LOADS; i += 1) {
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).waitFor();
    times.push(await page.evaluate(() => performance.now()));
  }
  times.sort((a, b) => a - b);
  const p = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  console.log(
    `console base page interactive over ${LOADS} loads (${relaisBinary('release')}, Chromium, cookie refresh included, load average ${loadavg()[0].toFixed(1)}): p50 ${p(0.5).toFixed(0)} ms, p95 ${p(0.95).toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms; goal p95 ≤ 1000 ms, ratio ${(p(0.95) / 1000).toFixed(2)}`,
  );
  await context.close();
  await scrollBench(relais.url);
} finally {
  await browser.close();
  relais.child.kill('SIGTERM');
}

async function gql(url, token, query, variables = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** A GraphQL multipart request (the upload spec) with one file as `$file`. */
async function gqlUpload(url, token, query, variables, name, bytes) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([bytes]), name);
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/**
 * A lycée of the demo with a base of its own receives 3,000 pupils (ENT
 * accounts, then PRONOTE's identifiers export: nine in ten already linked),
 * then the operator scrolls its users table top to bottom with the wheel
 * and jumps through it as a scrollbar drag would, while a
 * PerformanceObserver counts the long tasks (> 50 ms).
 */
async function scrollBench(url) {
  const seeder = process.env.LYCEE_EXPORT_BIN;
  if (!seeder) {
    console.log('console scroll: skipped (LYCEE_EXPORT_BIN unset: run scripts/bench-console.sh)');
    return;
  }
  const operator = (await gql(url, null, 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}', { e: 'operateur@demo.relais.localhost', p: 'demo-relais-2026' })).login.accessToken;
  let lycee = null;
  let after = null;
  while (!lycee) {
    const page = (await gql(url, operator, 'query($a:String){establishments(first:100,after:$a){nodes{id uai kind base{id establishments{id}}} pageInfo{hasNextPage endCursor}}}', { a: after })).establishments;
    lycee = page.nodes.find((e) => e.kind === 'LYCEE' && e.base && e.base.establishments.length === 1) ?? null;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  if (!lycee) throw new Error('no demo lycée with a base of its own');
  const dir = mkdtempSync(join(tmpdir(), 'relais-lycee-'));
  try {
    execFileSync(seeder, [lycee.uai, dir], { stdio: 'ignore' });
    await gqlUpload(url, operator, 'mutation($e:ID!,$file:Upload!){importEntAccounts(file:$file,establishmentId:$e,mode:PARTIAL){accounts}}', { e: lycee.id }, 'comptes-ent.csv', readFileSync(join(dir, 'comptes-ent.csv')));
    const uploaded = await gqlUpload(
      url,
      operator,
      'mutation($e:ID!,$file:Upload!){uploadIdentifiersExport(establishmentId:$e,file:$file,mode:COMPLETE,confirmLinkRemoval:false){users}}',
      { e: lycee.id },
      'identifiants.xml',
      readFileSync(join(dir, 'identifiants.xml')),
    );
    const users = uploaded.uploadIdentifiersExport.users;

    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${url}/connexion`);
    await page.getByLabel('Adresse e-mail').fill('operateur@demo.relais.localhost');
    await page.getByLabel('Mot de passe').fill('demo-relais-2026');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/etablissements$/);
    await page.goto(`${url}/bases/${lycee.base.id}/rapprochement`);
    const region = page.getByRole('region', { name: /utilisateurs PRONOTE/ });
    await region.waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const rows = Number((await region.getAttribute('aria-labelledby').then((id) => page.locator(`[id="${id}"]`).innerText())).replace(/\D/g, ''));
    await region.scrollIntoViewIfNeeded();
    await page.evaluate(() => {
      window.__longTasks = [];
      window.__frames = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ at: e.startTime, duration: e.duration })))).observe({ type: 'longtask' });
      let last = performance.now();
      const tick = (now) => {
        window.__frames.push(now - last);
        last = now;
        if (!window.__stopFrames) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    // A trace of the scroll: each long task's thread time tells the page's
    // own work from the time the shared machine's other processes took.
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const box = await region.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const started = Date.now();
    let wheels = 0;
    for (;;) {
      await page.mouse.wheel(0, 600);
      wheels += 1;
      await page.waitForTimeout(16);
      const atEnd = await region.evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2);
      if (atEnd || wheels > 2_000) break;
    }
    // Scrollbar drags: jumps to far places of the list.
    const jumpsFrom = await page.evaluate(() => performance.now());
    for (const at of [0.5, 0.1, 0.9, 0.3, 0.7, 0]) {
      await region.evaluate((el, f) => (el.scrollTop = f * (el.scrollHeight - el.clientHeight)), at);
      await page.waitForTimeout(50);
    }
    const seconds = (Date.now() - started) / 1000;
    await page.waitForTimeout(200);
    const { tasks, frames, rendered } = await page.evaluate(() => {
      window.__stopFrames = true;
      return { tasks: window.__longTasks, frames: window.__frames.slice(1), rendered: document.querySelectorAll('.virtual-table tbody tr:not(.virtual-pad)').length };
    });
    const trace = JSON.parse((await browser.stopTracing()).toString());
    // The page's main thread: the renderer main thread with the most tasks.
    const mains = trace.traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
    const tasksOf = new Map(mains.map((m) => [m, []]));
    for (const e of trace.traceEvents) {
      if (e.name === 'RunTask' && e.ph === 'X') tasksOf.get(`${e.pid}:${e.tid}`)?.push(e);
    }
    const main = [...tasksOf.values()].sort((a, b) => b.length - a.length)[0] ?? [];
    const runTasks = main.filter((e) => e.dur > 50_000).map((e) => ({ wall: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000 }));
    const cpuLongest = runTasks.length ? Math.max(...runTasks.map((t) => t.cpu)) : 0;
    const cpuOver = runTasks.filter((t) => t.cpu > 50).length;
    const longest = tasks.length ? Math.max(...tasks.map((t) => t.duration)) : 0;
    const over = tasks.filter((t) => t.duration > 50).length;
    const overInJumps = tasks.filter((t) => t.duration > 50 && t.at >= jumpsFrom).length;
    frames.sort((a, b) => a - b);
    const frameP = (q) => frames[Math.min(frames.length - 1, Math.ceil(q * frames.length) - 1)] ?? 0;
    console.log(
      `console scroll of ${rows} users (export of ${users}; ${wheels} wheel steps of 600 px then 6 scrollbar jumps, ${seconds.toFixed(1)} s, ${rendered} rows in the page at the end, load average ${loadavg()[0].toFixed(1)}): ` +
        `long tasks over 50 ms: ${over} (${over - overInJumps} while wheeling, ${overInJumps} in the jumps), longest ${longest ? `${longest.toFixed(0)} ms` : 'none over 50 ms'}; frame interval p50 ${frameP(0.5).toFixed(1)} ms, p99 ${frameP(0.99).toFixed(1)} ms, max ${frames[frames.length - 1]?.toFixed(1) ?? 0} ms; in the trace, tasks over 50 ms of wall time: ${runTasks.length} (${runTasks.map((t) => `${t.wall.toFixed(0)} ms wall / ${t.cpu.toFixed(0)} ms thread`).join(', ') || 'none'}), of thread time: ${cpuOver}, longest ${cpuLongest.toFixed(0)} ms; goal 0 long task over 50 ms`,
    );
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
