// Console figures for `make bench` (docs/performance.md):
// - the JavaScript the sign-in page loads, gzip (Vite's manifest: the entry,
//   its static imports, the sign-in route's chunk and its imports);
// - the base page "interactive" (the settings editor's save button shown,
//   data loaded) over 20 loads in Chromium, from the Performance API's
//   navigation start, on a release `relais serve --demo`.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { relaisBinary, startRelais } from './relais.mjs';
import { loadavg } from 'node:os';

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
} finally {
  await browser.close();
  relais.child.kill('SIGTERM');
}
