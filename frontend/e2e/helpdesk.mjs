// End-to-end journey of the helpdesk (issue 17) on a real
// `relais serve --demo`, in Debian's Chromium, two browser contexts:
// - the school administrator opens a ticket on its base's « Assistance »;
// - the helpdesk agent finds it in « File d'attente » (filters kept in the
//   address), sees a second ticket arrive without reloading, opens the
//   first: diagnostics, known answers, the base then and now; takes it,
//   comments, joins a file and downloads it (audited), resolves it (only
//   the allowed transitions are offered); the school sees it resolved;
// - « Tableau de bord de l'assistance »: figures, charts, a bar leads to
//   the queue filtered;
// - the agent opens the school's base read-only (no edit control) and
//   runs « Tester l'authentification »;
// - a school administrator reaching a helpdesk address gets « Accès
//   refusé », another school's ticket « introuvable », never data.
// axe-core on every page: 0 serious or critical violations.
//
// RELAIS_BIN: the relais binary (default: $CARGO_TARGET_DIR/debug/relais).
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { api, audit, check, checkNoConsoleErrors, chromiumPath, DEMO_PASSWORD, fail, finish, HELPDESK, OPERATOR, SCHOOL, shots, signIn, tearDown, watchConsole } from './journey.mjs';
import { keyboardOnly } from './keyboard.mjs';
import { startRelais } from './relais.mjs';

const FIRST = 'Les élèves ne sont pas reconnus par PRONOTE';
const SECOND = 'Le fichier de rapprochement est refusé';

async function token(url, email) {
  return (await api(url, 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}', { e: email, p: DEMO_PASSWORD })).login.accessToken;
}

async function openTicket(page, title, description) {
  await page.getByLabel('Objet').fill(title);
  await page.getByLabel('Description').fill(description);
  await page.getByRole('button', { name: 'Envoyer la demande' }).click();
  await page.getByRole('heading', { name: title, level: 2 }).waitFor();
}

async function main() {
  const relais = await startRelais('debug');
  const { url } = relais;
  console.log(`relais serve --demo sur ${url}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const errors = [];
  try {
    const schoolToken = await token(url, SCHOOL);
    const operatorToken = await token(url, OPERATOR);
    const mine = await api(url, '{ bases(first: 50) { nodes { id groupUai establishments { id } } } }', {}, schoolToken);
    const myBase = mine.bases.nodes[0];
    const all = await api(url, '{ bases(first: 50) { nodes { id establishments { id } } } }', {}, operatorToken);
    const otherBase = all.bases.nodes.find((b) => !mine.bases.nodes.some((m) => m.id === b.id));

    console.log('L’établissement ouvre un ticket');
    const a = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const school = await a.newPage();
    watchConsole(school, 'établissement', errors);
    await school.goto(`${url}/bases/${myBase.id}/assistance`);
    await school.waitForURL(/\/connexion\?retour=/);
    await signIn(school, SCHOOL);
    await school.getByRole('heading', { name: 'Ouvrir une demande' }).waitFor();
    await openTicket(school, FIRST, 'Depuis ce matin, les élèves arrivent sur la page d’identification de PRONOTE.');
    check(true, 'l’établissement ouvre un ticket');

    console.log('La file d’attente de l’assistance');
    const b = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
    const agent = await b.newPage();
    watchConsole(agent, 'assistance', errors);
    await agent.goto(`${url}/`);
    await agent.waitForURL(/\/connexion/);
    await signIn(agent, HELPDESK);
    await agent.waitForURL(/\/assistance$/);
    await agent.getByRole('heading', { name: 'File d’attente de l’assistance', level: 1 }).waitFor();
    check(true, 'après la connexion, l’agent arrive sur la file d’attente');
    const queue = agent.getByRole('table', { name: /le plus ancien en premier/ });
    await queue.getByRole('link', { name: FIRST }).waitFor();
    check(true, 'le ticket de l’établissement est dans la file d’attente');
    const openCount = await agent.getByRole('button', { name: /^Ouverte : \d+$/ }).innerText();
    check(/Ouverte : [1-9]/.test(openCount), `le compte par état est affiché (« ${openCount} »)`);
    await audit(agent, 'File d’attente');
    await keyboardOnly(agent, 'File d’attente', check, { mustReach: [/Catégorie/, /Filtrer/, new RegExp(FIRST)] });

    await agent.getByLabel('Catégorie').selectOption('CAS_CONFIGURATION');
    await agent.waitForURL(/\/assistance\?categorie=CAS_CONFIGURATION$/);
    await queue.getByRole('link', { name: FIRST }).waitFor();
    check(true, 'le filtre « Catégorie » est gardé dans l’adresse et garde le ticket');
    await agent.getByLabel('Attribution').selectOption('moi');
    await agent.getByText('Aucun ticket ne correspond à ces filtres.').waitFor();
    check(agent.url().includes('attribution=moi'), '« Mes tickets » ne montre rien tant que rien n’est attribué à l’agent');
    await agent.getByRole('button', { name: /^Effacer les filtres/ }).click();
    await agent.waitForURL(/\/assistance$/);
    await queue.getByRole('link', { name: FIRST }).waitFor();
    await agent.screenshot({ path: join(shots, '40-file-d-attente.png'), fullPage: true });

    // The school opens another ticket: the open queue shows it without a reload.
    await school.getByLabel('Catégorie').selectOption('ACCOUNT_MATCHING');
    await openTicket(school, SECOND, 'PRONOTE dit que le fichier n’est pas chiffré pour lui.');
    await queue.getByRole('link', { name: SECOND }).waitFor({ timeout: 25_000 });
    check(true, 'un nouveau ticket apparaît dans la file ouverte sans la recharger');
    const titles = await queue.locator('tbody tr td:first-child').allInnerTexts();
    check(titles.indexOf(FIRST) < titles.indexOf(SECOND), 'le plus ancien est en premier');

    console.log('Le ticket');
    await queue.getByRole('link', { name: FIRST }).click();
    await agent.getByRole('heading', { name: FIRST, level: 1 }).waitFor();
    await agent.getByRole('heading', { name: 'Paramètres : à l’ouverture et maintenant' }).waitFor();
    check((await agent.getByRole('heading', { name: 'Diagnostics' }).count()) === 1 && (await agent.getByRole('heading', { name: 'Réponses connues' }).count()) === 1, 'le ticket montre les diagnostics et les réponses connues');
    await agent.getByText(/Courriel à .*assistance/).first().waitFor();
    check(true, 'l’historique montre les courriels envoyés');
    await audit(agent, 'Ticket');
    await keyboardOnly(agent, 'Ticket', check, { mustReach: [/Me l’attribuer/, /Ajouter un commentaire/, /Joindre un fichier/] });

    await agent.getByRole('button', { name: 'Me l’attribuer' }).click();
    await agent.getByText('Le ticket vous est attribué.').waitFor();
    check(true, 'l’agent se l’attribue');
    await agent.getByLabel('Ajouter un commentaire').fill('Bonjour, nous regardons la configuration CAS de votre base.');
    await agent.getByRole('button', { name: 'Commenter' }).click();
    await agent.getByText('Bonjour, nous regardons la configuration CAS de votre base.', { exact: true }).waitFor();
    check(true, 'le commentaire s’ajoute à l’historique');

    await agent.locator('input[type=file]').setInputFiles({ name: 'capture.png', mimeType: 'image/png', buffer: Buffer.from('PNG capture') });
    await agent.getByRole('button', { name: 'Joindre', exact: true }).click();
    const link = agent.getByRole('button', { name: 'Télécharger capture.png' });
    await link.waitFor();
    const downloadEvent = agent.waitForEvent('download');
    await link.click();
    const downloaded = await downloadEvent;
    check(downloaded.suggestedFilename() === 'capture.png', 'la pièce jointe se télécharge');
    const audited = await api(url, '{ auditEvents(first: 30) { nodes { action } } }', {}, operatorToken);
    check(audited.auditEvents.nodes.some((e) => e.action === 'STORED_FILE_DOWNLOADED'), 'le téléchargement est inscrit au journal d’audit');

    const next = agent.getByLabel('Nouvel état');
    const offered = await next.locator('option').allInnerTexts();
    check(!offered.includes('Ouverte') && offered.includes('Résolue'), `seules les transitions permises sont offertes (${offered.join(', ')})`);
    await next.selectOption('RESOLVED');
    await agent.getByRole('button', { name: 'Changer l’état' }).click();
    await agent.getByText(/État changé : Résolue/).waitFor();
    await next.locator('option', { hasText: 'En attente de l’établissement' }).waitFor({ state: 'detached' });
    const after = await agent.getByLabel('Nouvel état').locator('option').allInnerTexts();
    check(after.join('|') === 'Choisir…|En cours de traitement|Fermée', `une fois résolu : rouvrir ou fermer seulement (${after.join(', ')})`);
    await audit(agent, 'Ticket (résolu)');
    await agent.screenshot({ path: join(shots, '41-ticket.png'), fullPage: true });

    await agent.goto(`${url}/assistance?etat=ALL&attribution=moi`);
    await agent.getByRole('table', { name: /1 ticket affiché/ }).getByRole('link', { name: FIRST }).waitFor();
    check(true, '« Mes tickets » montre le ticket pris, l’adresse partagée rouvre la même vue');

    await school.reload();
    const row = school.getByRole('row').filter({ hasText: FIRST });
    await row.getByText('Résolu').waitFor();
    check(true, 'l’établissement voit son ticket résolu');

    console.log('Le tableau de bord de l’assistance');
    await agent.getByRole('navigation').getByRole('link', { name: 'Tableau de bord de l’assistance' }).click();
    await agent.getByRole('heading', { name: 'Tableau de bord de l’assistance', level: 1 }).waitFor();
    await agent.getByRole('figure', { name: /Par catégorie/ }).waitFor();
    check((await agent.getByText('Délai médian de première réponse').count()) === 1, 'le délai médian de première réponse est affiché');
    await audit(agent, 'Tableau de bord de l’assistance');
    await agent.screenshot({ path: join(shots, '42-tableau-de-bord-assistance.png'), fullPage: true });
    await agent.getByRole('button', { name: 'Rapprochement des comptes : voir ces tickets dans la file d’attente' }).click();
    await agent.waitForURL(/\/assistance\?categorie=ACCOUNT_MATCHING$/);
    await agent.getByRole('table', { name: /1 ticket affiché/ }).getByRole('link', { name: SECOND }).waitFor();
    check(true, 'une barre du graphique mène à la file filtrée');

    console.log('Une base en consultation seule');
    await agent.goto(`${url}/bases/${myBase.id}`);
    await agent.getByRole('heading', { name: 'Délégation d’authentification' }).waitFor();
    await agent.getByText('Consultation seule').waitFor();
    for (const name of ['Enregistrer les paramètres', 'Publier', 'Arrêter la publication', 'Appliquer les paramètres conseillés', 'Déléguer tous les espaces au CAS (conseillé)']) {
      check((await agent.getByRole('button', { name, exact: true }).count()) === 0, `aucun bouton « ${name} » pour l’assistance`);
    }
    await audit(agent, 'Base (assistance)');
    await agent.getByRole('navigation').getByRole('link', { name: 'Rapprochement' }).click();
    await agent.getByRole('heading', { name: 'Rapprochement des comptes' }).waitFor();
    await agent.getByText(/Consultation seule/).waitFor();
    check((await agent.getByRole('button', { name: /Lancer le rapprochement|Générer et télécharger/ }).count()) === 0, 'le rapprochement se consulte sans rien lancer');
    await audit(agent, 'Rapprochement (assistance)');
    await agent.getByRole('navigation').getByRole('link', { name: 'Tester l’authentification' }).click();
    await agent.getByRole('heading', { name: 'Tester l’authentification', level: 1 }).waitFor();
    await agent.getByRole('button', { name: 'Tester l’authentification' }).click();
    await agent.getByRole('heading', { name: 'Dernier résultat' }).or(agent.getByRole('alert')).first().waitFor({ timeout: 60_000 });
    const refusedTest = await agent.getByRole('alert').filter({ hasText: /droit|autoris|refus/i }).count();
    check(refusedTest === 0 && (await agent.getByRole('heading', { name: 'Dernier résultat' }).count()) === 1, 'l’assistance lance « Tester l’authentification » et lit le résultat');
    await audit(agent, 'Tester l’authentification (assistance)');
    await b.close();

    console.log('Un administrateur d’établissement sur les adresses de l’assistance');
    const asked = [];
    school.on('request', (request) => {
      if (request.url().endsWith('/graphql') && /ticketQueue|helpdeskDashboard/.test(request.postData() ?? '')) asked.push(request.postData());
    });
    for (const path of ['/assistance', '/assistance/tableau-de-bord']) {
      await school.goto(`${url}${path}`);
      await school.getByRole('heading', { name: 'Accès refusé' }).waitFor();
      check(true, `${path} répond « Accès refusé » à un administrateur d’établissement`);
    }
    check(asked.length === 0, 'aucune donnée de l’assistance n’est demandée');
    check((await school.getByRole('navigation').getByRole('link', { name: /File d’attente|Tableau de bord de l’assistance/ }).count()) === 0, 'sa navigation n’offre pas les écrans de l’assistance');
    await audit(school, 'Accès refusé (assistance)');
    if (otherBase) {
      const foreign = await api(
        url,
        'mutation($i: OpenTicketInput!) { openTicket(input: $i) { id } }',
        { i: { establishmentId: otherBase.establishments[0].id, category: 'OTHER', title: 'Ticket d’un autre établissement', description: 'Pour vérifier qu’il reste invisible.' } },
        operatorToken,
      );
      await school.goto(`${url}/tickets/${foreign.openTicket.id}`);
      await school.getByText('Ticket introuvable').waitFor();
      check((await school.getByText('Ticket d’un autre établissement').count()) === 0, 'le ticket d’un autre établissement répond « introuvable », sans rien en montrer');
      await audit(school, 'Ticket introuvable');
    }
    await a.close();

    checkNoConsoleErrors(errors);
  } catch (error) {
    fail(error);
  } finally {
    await tearDown(browser, relais);
  }
  finish();
}

await main();
