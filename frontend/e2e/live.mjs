// End-to-end check of the live state (issue 17, « Live state ») on a real
// `relais serve --demo`, in Debian's Chromium, one browser context (one
// sign-in) per person:
// - the helpdesk agent keeps « File d'attente » open; the school
//   administrator, in another context, opens a ticket from its base's
//   « Assistance »: the ticket appears in the agent's queue without a
//   reload (a marker set on `window` survives, no navigation of the page)
//   and the agent's socket was told (a TICKET_CREATED event naming it);
// - the agent comments and changes the status on the ticket page: both
//   appear on the school's open ticket, again without a reload;
// - negatives: the administrator of ANOTHER school of the demo tenant
//   (the demo seeds one school administrator: this one is created through
//   the operator's API) and the helpdesk agent of ANOTHER tenant (created
//   through the platform administrator's API) keep their pages open all
//   along: neither shows the ticket, neither socket receives an event
//   about it. Each then sees a ticket of its own arrive live (the control:
//   their sockets work, and events reach a subscriber in order, so the
//   earlier ones were dropped, not late).
// axe-core is run by helpdesk.mjs on these pages; here only the live state.
//
// RELAIS_BIN: the relais binary (default: $CARGO_TARGET_DIR/debug/relais).
import { chromium } from 'playwright-core';
import { api, check, checkNoConsoleErrors, chromiumPath, DEMO_PASSWORD, fail, finish, HELPDESK, OPERATOR, SCHOOL, tearDown, watchConsole } from './journey.mjs';
import { startRelais } from './relais.mjs';

const ADMIN = 'admin@relais.localhost';
const ADMIN_PASSWORD = 'live-e2e-admin-password';
const OTHER_SCHOOL = 'etablissement-voisin@demo.relais.localhost';
const OTHER_TENANT_AGENT = 'assistance@autre-ent.localhost';
const OTHER_PASSWORD = 'live-e2e-other-password';
const TITLE = 'La connexion CAS échoue depuis la rentrée';
const COMMENT = 'Bonjour, pouvez-vous nous envoyer l’adresse du serveur CAS utilisée ?';
const NEIGHBOUR_TITLE = 'Ticket du collège voisin';
const FOREIGN_TITLE = 'Ticket de l’autre ENT';
const WAIT = 30_000;

async function token(url, email, password = DEMO_PASSWORD) {
  return (await api(url, 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}', { e: email, p: password })).login.accessToken;
}

/** A UAI with its right check letter (7 digits, then the letter of their value mod 23). */
function uai(digits) {
  return `${digits}${'ABCDEFGHJKLMNPRSTUVWXYZ'[Number(digits) % 23]}`;
}

/**
 * What a page's live socket receives (`liveEvents` of graphql-ws), and
 * whether the page was reloaded or navigated since `mark()`.
 */
function observe(page) {
  const events = [];
  let navigations = [];
  page.on('websocket', (ws) => {
    if (!ws.url().endsWith('/graphql/live')) return;
    ws.on('framereceived', ({ payload }) => {
      try {
        const message = JSON.parse(String(payload));
        const event = message.type === 'next' ? message.payload?.data?.liveEvents : null;
        if (event) events.push(event);
      } catch {
        // not a graphql-ws message
      }
    });
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  const marker = `kept-${Math.random()}`;
  return {
    events,
    about: (ticketId) => events.filter((e) => e.ticketId === ticketId),
    async told(predicate, what) {
      for (let waited = 0; waited < WAIT; waited += 50) {
        if (events.some(predicate)) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`${what}: the socket was not told within ${WAIT} ms (received: ${JSON.stringify(events)})`);
    },
    /** Marks the page as it is: `window` and the navigation count. */
    async mark() {
      await page.evaluate((m) => {
        window.__liveMarker = m;
      }, marker);
      navigations = [];
    },
    async notReloaded() {
      const kept = await page.evaluate(() => window.__liveMarker);
      return kept === marker && navigations.length === 0;
    },
  };
}

/** A new context signed in as `email`, on `path`, its socket live. */
async function openConsole(browser, url, email, path, label, errors, password = DEMO_PASSWORD) {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  watchConsole(page, label, errors);
  const watch = observe(page);
  await page.goto(`${url}${path}`);
  await page.waitForURL(/\/connexion/);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => u.pathname === path);
  await watch.told((e) => e.kind === 'STARTED', `${label}: live subscription`);
  return { context, page, watch };
}

async function main() {
  process.env.RELAIS_BOOTSTRAP__ADMIN_PASSWORD = ADMIN_PASSWORD;
  const relais = await startRelais('debug');
  const { url } = relais;
  console.log(`relais serve --demo sur ${url}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const errors = [];
  try {
    const schoolToken = await token(url, SCHOOL);
    const operatorToken = await token(url, OPERATOR);
    const adminToken = await token(url, ADMIN, ADMIN_PASSWORD);
    const mine = await api(url, '{ bases(first: 50) { nodes { id establishments { id } } } }', {}, schoolToken);
    const myBase = mine.bases.nodes[0];
    const all = await api(url, '{ bases(first: 50) { nodes { id establishments { id } } } }', {}, operatorToken);
    const otherBase = all.bases.nodes.find((b) => !mine.bases.nodes.some((m) => m.id === b.id));
    if (!otherBase) throw new Error('the demo has no base outside the school administrator’s grants');

    // The demo seeds one school administrator and one tenant: the other
    // school's administrator and the other tenant's agent are made here,
    // through the API, as an operator and a platform administrator would.
    console.log('Un administrateur d’un autre établissement, un agent d’un autre ENT');
    const neighbour = await api(
      url,
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      { i: { email: OTHER_SCHOOL, displayName: 'Administratrice du collège voisin', role: 'SCHOOL_ADMIN', password: OTHER_PASSWORD } },
      operatorToken,
    );
    for (const e of otherBase.establishments) {
      await api(url, 'mutation($u: ID!, $e: ID!) { grantEstablishment(userId: $u, establishmentId: $e) }', { u: neighbour.createUser.id, e: e.id }, operatorToken);
    }
    const tenant = await api(
      url,
      'mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }',
      { i: { slug: 'autre-ent', name: 'Autre ENT', contactEmail: 'contact@autre-ent.localhost', helpdeskEmail: OTHER_TENANT_AGENT } },
      adminToken,
    );
    const tenantId = tenant.createTenant.id;
    await api(
      url,
      'mutation($i: CreateUserInput!) { createUser(input: $i) { id } }',
      { i: { email: OTHER_TENANT_AGENT, displayName: 'Agent de l’autre ENT', role: 'HELPDESK', tenantId, password: OTHER_PASSWORD } },
      adminToken,
    );
    const foreignEstablishment = await api(
      url,
      'mutation($i: CreateEstablishmentInput!) { createEstablishment(input: $i) { id } }',
      { i: { tenantId, uai: uai('0459001'), name: 'Collège de l’autre ENT', kind: 'COLLEGE', commune: 'Orléans', postalCode: '45000', academy: 'Orléans-Tours' } },
      adminToken,
    );
    check(true, 'un second administrateur d’établissement (démo) et un agent d’un autre ENT sont créés par l’API');

    console.log('Les consoles ouvertes');
    const agent = await openConsole(browser, url, HELPDESK, '/assistance', 'assistance', errors);
    const queue = agent.page.getByRole('table', { name: /le plus ancien en premier/ }).or(agent.page.getByText('Aucun ticket ne correspond à ces filtres.'));
    await queue.first().waitFor();
    const other = await openConsole(browser, url, OTHER_SCHOOL, `/bases/${otherBase.id}/assistance`, 'établissement voisin', errors, OTHER_PASSWORD);
    await other.page.getByRole('heading', { name: 'Mes demandes' }).waitFor();
    const foreign = await openConsole(browser, url, OTHER_TENANT_AGENT, '/assistance', 'autre ENT', errors, OTHER_PASSWORD);
    await foreign.page.getByRole('heading', { name: 'File d’attente de l’assistance', level: 1 }).waitFor();
    const school = await openConsole(browser, url, SCHOOL, `/bases/${myBase.id}/assistance`, 'établissement', errors);
    await school.page.getByRole('heading', { name: 'Ouvrir une demande' }).waitFor();
    for (const c of [agent, other, foreign, school]) await c.watch.mark();
    check(true, 'quatre consoles connectées, chacune avec son abonnement en direct');

    console.log('L’établissement ouvre un ticket, la file ouverte de l’agent le montre');
    await school.page.getByLabel('Objet').fill(TITLE);
    await school.page.getByLabel('Description').fill('Les élèves arrivent sur la page d’identification de PRONOTE au lieu du CAS.');
    const opened = school.page.waitForResponse((r) => r.url().endsWith('/graphql') && /openTicket/.test(r.request().postData() ?? ''));
    await school.page.getByRole('button', { name: 'Envoyer la demande' }).click();
    const ticketId = (await (await opened).json()).data.openTicket.id;
    await school.page.getByRole('heading', { name: TITLE, level: 2 }).waitFor();
    const row = agent.page.getByRole('table', { name: /le plus ancien en premier/ }).getByRole('link', { name: TITLE });
    await row.waitFor({ timeout: WAIT });
    check(true, 'le nouveau ticket apparaît dans la file d’attente ouverte de l’agent');
    check(await agent.watch.notReloaded(), 'sans rechargement ni navigation de la page de l’agent (le repère posé sur window est resté)');
    check(agent.watch.about(ticketId).some((e) => e.kind === 'TICKET_CREATED'), 'l’abonnement de l’agent a reçu l’événement TICKET_CREATED de ce ticket');

    console.log('L’agent commente et change l’état, l’établissement le voit');
    await row.click();
    await agent.page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await agent.page.getByLabel('Ajouter un commentaire').fill(COMMENT);
    await agent.page.getByRole('button', { name: 'Commenter' }).click();
    await school.page.getByText(COMMENT, { exact: true }).waitFor({ timeout: WAIT });
    check(true, 'le commentaire de l’agent apparaît sur le ticket ouvert de l’établissement');
    await agent.page.getByText(COMMENT, { exact: true }).waitFor();
    const next = agent.page.getByLabel('Nouvel état');
    await next.selectOption('WAITING_SCHOOL');
    await agent.page.getByRole('button', { name: 'Changer l’état' }).click();
    await school.page.getByText(/^En attente de votre réponse · ouverte le/).waitFor({ timeout: WAIT });
    await school.page.getByRole('row').filter({ hasText: TITLE }).getByText('En attente de votre réponse').waitFor({ timeout: WAIT });
    check(true, 'le nouvel état apparaît sur le ticket et dans « Mes demandes » de l’établissement');
    check(await school.watch.notReloaded(), 'sans rechargement ni navigation de la page de l’établissement');
    const toldSchool = school.watch.about(ticketId).map((e) => e.kind);
    check(toldSchool.includes('TICKET_COMMENTED') && toldSchool.includes('TICKET_CHANGED'), `l’abonnement de l’établissement a reçu le commentaire et le changement d’état (${toldSchool.join(', ')})`);

    console.log('Un autre établissement, un autre ENT : rien de ce ticket');
    // Controls, after the ticket's events: a ticket of their own reaches
    // each of them live; a subscription gets events in order, so once the
    // control is there the ticket's events were already judged.
    const neighbourTicket = await api(
      url,
      'mutation($i: OpenTicketInput!) { openTicket(input: $i) { id } }',
      { i: { establishmentId: otherBase.establishments[0].id, category: 'OTHER', title: NEIGHBOUR_TITLE, description: 'Le témoin de l’autre établissement.' } },
      operatorToken,
    );
    await other.page.getByRole('row').filter({ hasText: NEIGHBOUR_TITLE }).waitFor({ timeout: WAIT });
    await other.watch.told((e) => e.ticketId === neighbourTicket.openTicket.id, 'établissement voisin: its own ticket');
    const foreignTicket = await api(
      url,
      'mutation($i: OpenTicketInput!) { openTicket(input: $i) { id } }',
      { i: { establishmentId: foreignEstablishment.createEstablishment.id, category: 'OTHER', title: FOREIGN_TITLE, description: 'Le témoin de l’autre ENT.' } },
      adminToken,
    );
    await foreign.page.getByRole('table', { name: /le plus ancien en premier/ }).getByRole('link', { name: FOREIGN_TITLE }).waitFor({ timeout: WAIT });
    await foreign.watch.told((e) => e.ticketId === foreignTicket.openTicket.id, 'autre ENT: its own ticket');
    check(true, 'l’autre établissement et l’autre ENT voient chacun leur propre ticket arriver en direct (témoins)');
    check((await other.page.getByText(TITLE).count()) === 0 && (await other.page.getByText(COMMENT).count()) === 0, 'la page de l’autre établissement ne montre pas le ticket étranger');
    check(other.watch.about(ticketId).length === 0, `l’abonnement de l’autre établissement n’a reçu aucun événement de ce ticket (${other.watch.about(ticketId).length})`);
    check((await foreign.page.getByText(TITLE).count()) === 0, 'la file de l’agent de l’autre ENT ne montre pas le ticket');
    check(foreign.watch.about(ticketId).length === 0 && foreign.watch.about(neighbourTicket.openTicket.id).length === 0, 'l’abonnement de l’autre ENT n’a reçu aucun événement de l’ENT de démonstration');
    check(agent.watch.about(foreignTicket.openTicket.id).length === 0, 'ni l’agent de la démonstration un événement de l’autre ENT');
    check((await other.watch.notReloaded()) && (await foreign.watch.notReloaded()), 'leurs pages n’ont été ni rechargées ni quittées');

    for (const c of [agent, other, foreign, school]) await c.context.close();
    checkNoConsoleErrors(errors);
  } catch (error) {
    fail(error);
  } finally {
    await tearDown(browser, relais);
  }
  finish();
}

await main();
