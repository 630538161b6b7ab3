// The figure « a change seen by another open console ≤ 2 s p95 » (issue
// 17, docs/performance.md), in the browser: `relais serve --demo`, two
// Chromium contexts — the helpdesk agent on « File d'attente », the school
// administrator making the changes (`openTicket` sent by `fetch` from its
// page, with its session's token). For each of N changes: from the
// mutation's answer in the school's page to the new ticket being in the
// agent's DOM (a MutationObserver in the agent's page; both instants are
// Date.now() of the same machine's clock).
// Then once more with the agent's WebSocket refused (`/graphql/live`
// closed by context.routeWebSocket): the polling fallback's figure, printed
// only (the fallback refetches every 15 s).
//
// N (default 20), POLL_N (default 8).
// RELAIS_BIN: the relais binary (default: $CARGO_TARGET_DIR/release/relais).
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { startRelais } from './relais.mjs';

const N = Number(process.env.N ?? 20);
const POLL_N = Number(process.env.POLL_N ?? 8);
const GOAL_MS = 2000;
const PASSWORD = 'demo-relais-2026';
const SCHOOL = 'etablissement@demo.relais.localhost';
const HELPDESK = 'assistance@demo.relais.localhost';

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

const percentile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** The agent's console on the queue; `blockSocket` refuses `/graphql/live`. */
async function openQueue(browser, url, blockSocket) {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
  const frames = { started: 0, kinds: {}, refused: 0 };
  if (blockSocket) {
    await context.routeWebSocket(/\/graphql\/live$/, (ws) => {
      frames.refused += 1;
      ws.close({ code: 1011, reason: 'refusé par la mesure' });
    });
  }
  const page = await context.newPage();
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      let kind;
      try {
        const message = JSON.parse(String(payload));
        kind = message.type === 'next' ? message.payload?.data?.liveEvents?.kind : undefined;
      } catch {
        return;
      }
      if (kind === 'STARTED') frames.started += 1;
      else if (kind) frames.kinds[kind] = (frames.kinds[kind] ?? 0) + 1;
    }),
  );
  await page.goto(`${url}/assistance`);
  await page.waitForURL(/\/connexion/);
  await page.getByLabel('Adresse e-mail').fill(HELPDESK);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/assistance$/);
  await page.getByRole('heading', { name: 'File d’attente de l’assistance', level: 1 }).waitFor();
  if (!blockSocket) {
    for (let i = 0; i < 300 && frames.started === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    if (frames.started === 0) throw new Error('the agent’s live subscription did not start');
  }
  // The observer: each awaited title is stamped when it enters the DOM.
  await page.evaluate(() => {
    window.__awaited = new Set();
    window.__seen = {};
    const look = () => {
      if (window.__awaited.size === 0) return;
      const text = document.querySelector('main')?.textContent ?? document.body.textContent ?? '';
      for (const title of [...window.__awaited]) {
        if (text.includes(title)) {
          window.__seen[title] = Date.now();
          window.__awaited.delete(title);
        }
      }
    };
    new MutationObserver(look).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  return { context, page, frames };
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * N tickets opened by the school administrator, each sent from its own
 * browser context (`fetch` in its page, with its session's token); the
 * agent's DOM latency of each. `spread`: a random pause up to that long
 * before each change, so that a change falls anywhere in the polling
 * period rather than just after a refetch.
 */
async function measure(school, page, establishmentId, label, count, spread) {
  const latencies = [];
  const fromSend = [];
  for (let i = 0; i < count; i += 1) {
    if (spread) await pause(Math.random() * spread);
    const title = `Mesure ${label} n° ${i + 1} — ${Math.random().toString(36).slice(2, 8)}`;
    await page.evaluate((t) => window.__awaited.add(t), title);
    const { sent, answered } = await school.page.evaluate(
      async ({ token, variables }) => {
        const sent = Date.now();
        const response = await fetch('/graphql', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: 'mutation($i: OpenTicketInput!) { openTicket(input: $i) { id } }', variables }),
        });
        const body = await response.json();
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        return { sent, answered: Date.now() };
      },
      { token: school.token, variables: { i: { establishmentId, category: 'OTHER', title, description: 'Changement de mesure du direct.' } } },
    );
    // The stamp is taken in the page; this loop only reads it.
    let seen;
    for (let waited = 0; !seen; waited += 20) {
      if (waited > 60_000) throw new Error(`« ${title} » not seen within 60 s`);
      await pause(20);
      seen = await page.evaluate((t) => window.__seen[t], title);
    }
    latencies.push(seen - answered);
    fromSend.push(seen - sent);
    // Let the queue's refetch settle before the next change.
    await pause(500);
  }
  return { latencies, fromSend };
}

function report(label, latencies, goal) {
  const p50 = percentile(latencies, 0.5);
  const p95 = percentile(latencies, 0.95);
  const max = Math.max(...latencies);
  const min = Math.min(...latencies);
  const ratio = goal ? ` (goal ${goal} ms: ${p95}/${goal} = ${(p95 / goal).toFixed(3)}×)` : '';
  console.log(`${label}: p50 ${p50} ms, p95 ${p95} ms, max ${max} ms, min ${min} ms over ${latencies.length} changes${ratio}`);
}

const relais = await startRelais('release');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const { url } = relais;
  const schoolToken = (await gql(url, null, 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}', { e: SCHOOL, p: PASSWORD })).login.accessToken;
  const bases = await gql(url, schoolToken, '{ bases(first: 1) { nodes { establishments { id } } } }');
  const establishmentId = bases.bases.nodes[0].establishments[0].id;
  // The school administrator's context, on its console.
  const schoolContext = await browser.newContext({ locale: 'fr-FR' });
  const school = { page: await schoolContext.newPage(), token: schoolToken };
  await school.page.goto(`${url}/connexion`);
  console.log(`load average before: ${load()}`);

  const live = await openQueue(browser, url, false);
  const liveRun = await measure(school, live.page, establishmentId, 'direct', N, 0);
  report('live change seen', liveRun.latencies, GOAL_MS);
  report('  the same from the mutation sent', liveRun.fromSend, GOAL_MS);
  console.log(`  agent's socket: ${live.frames.started} STARTED, then ${JSON.stringify(live.frames.kinds)}`);
  await live.context.close();

  const polling = await openQueue(browser, url, true);
  const pollRun = await measure(school, polling.page, establishmentId, 'sans socket', POLL_N, 15_000);
  report('change seen with the WebSocket refused (polling fallback, every 15 s)', pollRun.latencies, null);
  console.log(`  agent's socket: refused ${polling.frames.refused} times, ${polling.frames.started} STARTED received`);
  await polling.context.close();
  console.log(`load average after: ${load()}`);
} finally {
  await browser.close();
  relais.child.kill('SIGTERM');
  await pause(300);
  rmSync(relais.dataDir, { recursive: true, force: true });
}
