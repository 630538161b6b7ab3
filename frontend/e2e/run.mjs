// End-to-end run of the console (issue 15): a real `relais serve --demo` on
// a fresh database and a free loopback port, Debian's Chromium driven by
// playwright-core (no browser download), every visited page checked with
// axe-core (0 serious or critical violations), screenshots saved in
// e2e/screenshots/.
//
// RELAIS_BIN: the relais binary (default: $CARGO_TARGET_DIR/debug/relais).
// CHROMIUM: the browser (default /usr/bin/chromium).
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { api, audit, check, checkNoConsoleErrors, chromiumPath, DEMO_PASSWORD, fail, finish, OPERATOR, refreshModelFeeds, SCHOOL, shots, signIn, tearDown, watchConsole } from './journey.mjs';
import { keyboardOnly } from './keyboard.mjs';
import { startRelais } from './relais.mjs';

async function token(url, email) {
  const data = await api(url, 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}', { e: email, p: DEMO_PASSWORD });
  return data.login.accessToken;
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** The supervision's figure of the first population in column `column`. */
async function supervisionCount(page, column) {
  const table = page.locator('section[aria-labelledby=step3] table');
  const headers = await table.locator('thead th').allInnerTexts();
  const index = headers.findIndex((h) => h.trim() === column);
  const text = await table.locator('tbody tr').first().locator('th, td').nth(index).innerText();
  return Number(text.replace(/\D/g, ''));
}

/**
 * The supervision's figure once it reads `expected`, or what it reads after
 * 5 s: the table is refetched after a link changes, a moment after the
 * link's own answer (the page shows the link first).
 */
async function supervisionCountReaching(page, column, expected) {
  let count = await supervisionCount(page, column);
  for (let i = 0; i < 50 && count !== expected; i += 1) {
    await page.waitForTimeout(100);
    count = await supervisionCount(page, column);
  }
  return count;
}

async function main() {
  const relais = await startRelais('debug');
  const { url } = relais;
  console.log(`relais serve --demo sur ${url}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const errors = [];
  try {
    // The school administrator's bases, and one they must not see.
    const schoolToken = await token(url, SCHOOL);
    const mine = await api(url, '{ bases(first: 50) { nodes { id groupUai } } }', {}, schoolToken);
    const myBase = mine.bases.nodes[0];
    const operatorToken = await token(url, OPERATOR);
    const all = await api(url, '{ bases(first: 50) { nodes { id } } }', {}, operatorToken);
    const otherBase = all.bases.nodes.find((b) => !mine.bases.nodes.some((m) => m.id === b.id));
    // The pending model update is there when the page is read.
    await refreshModelFeeds(url, operatorToken);

    const a = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const page = await a.newPage();
    watchConsole(page, 'A', errors);

    console.log('Connexion');
    await page.goto(`${url}/etablissements`);
    await page.waitForURL(/\/connexion\?retour=/);
    check(true, 'une page protégée mène à la connexion avec le retour');
    await audit(page, 'Connexion');
    await keyboardOnly(page, 'Connexion', check, { mustReach: [/Adresse e-mail/, /Mot de passe/, /Se connecter/] });
    await shot(page, '01-connexion');
    await signIn(page, SCHOOL, 'pas le bon mot de passe');
    const refused = page.getByRole('alert').filter({ hasText: 'mot de passe incorrect' });
    await refused.waitFor();
    check(await refused.isVisible(), 'un mauvais mot de passe donne le message de l’API');
    await signIn(page, SCHOOL);
    await page.waitForURL(/\/etablissements$/);
    check(true, 'après la connexion, retour à la page demandée');

    console.log('Mes établissements');
    await page.getByRole('heading', { name: 'Mes établissements' }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    const rows = await page.locator('tbody tr').count();
    check(rows >= 1, `Mes établissements liste ${rows} établissement(s)`);
    await audit(page, 'Mes établissements');
    await keyboardOnly(page, 'Mes établissements', check, { mustReach: [/Aller au contenu/, /Se déconnecter/, new RegExp(`Base ${myBase.groupUai}`)] });
    await shot(page, '02-mes-etablissements');

    console.log('La base');
    await page.getByRole('link', { name: new RegExp(`Base ${myBase.groupUai}`) }).first().click();
    await page.waitForURL(new RegExp(`/bases/${myBase.id}$`));
    await page.getByRole('heading', { name: 'Délégation d’authentification' }).waitFor();
    await audit(page, 'Base (publiée)');
    await shot(page, '03-base');
    const stop = page.getByRole('button', { name: 'Arrêter la publication' });
    if (await stop.isVisible()) await stop.click();
    await page.getByRole('button', { name: 'Publier' }).waitFor();
    check(true, '« Arrêter la publication » arrête la publication');
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).waitFor();
    check(await page.getByRole('button', { name: 'Enregistrer les paramètres' }).isEnabled(), 'le formulaire s’ouvre une fois la publication arrêtée');
    await audit(page, 'Base (publication arrêtée)');
    await keyboardOnly(page, 'Base', check, { mustReach: [/Publier/, /Enregistrer les paramètres/, /Appliquer les paramètres conseillés/] });

    console.log('Conflit entre deux navigateurs');
    const b = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const other = await b.newPage();
    watchConsole(other, 'B', errors);
    await other.goto(`${url}/bases/${myBase.id}`);
    await other.waitForURL(/\/connexion/);
    await signIn(other, SCHOOL);
    await other.waitForURL(new RegExp(`/bases/${myBase.id}$`));
    await other.getByRole('button', { name: 'Enregistrer les paramètres' }).waitFor();
    check(true, 'un lien profond ramène à la base après la connexion');
    await other.getByText('Mises à jour en direct').waitFor();
    check(true, 'la console suit les changements en direct (WebSocket /graphql/live)');
    const root = (p) => p.getByLabel('Adresse du serveur CAS', { exact: false }).first();
    const hasStandardRoot = (await root(page).count()) > 0;
    if (!hasStandardRoot) {
      await page.getByLabel('Standard : une adresse racine', { exact: false }).check();
      await other.getByLabel('Standard : une adresse racine', { exact: false }).check();
    }
    // B types first: with the live state, an untouched form would take
    // A's saved values at once (no conflict to show); a touched one keeps
    // B's input until B saves.
    await root(other).fill('https://cas-b.exemple.fr/cas');
    await root(page).fill('https://cas-a.exemple.fr/cas');
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await page.getByText('Paramètres enregistrés.', { exact: true }).waitFor();
    check(true, 'A enregistre ses paramètres');
    await other.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await other.getByText('Paramètres modifiés entre-temps').waitFor();
    check(await other.getByRole('cell', { name: 'https://cas-a.exemple.fr/cas', exact: true }).isVisible(), 'B voit « modifié entre-temps » avec la valeur de A');
    check((await root(other).inputValue()) === 'https://cas-b.exemple.fr/cas', 'B garde sa saisie');
    await audit(other, 'Base (conflit)');
    await shot(other, '04-conflit');
    await other.getByRole('button', { name: 'Garder mes valeurs' }).click();
    await other.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await other.getByText('Paramètres enregistrés.', { exact: true }).waitFor();
    check(true, 'B enregistre ses valeurs sur la nouvelle version');
    await b.close();

    console.log('Clavier seul');
    await page.reload();
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).waitFor();
    const parents = page.getByLabel('Espace Parents');
    let reached = false;
    for (let i = 0; i < 80 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await parents.evaluate((el) => el === document.activeElement);
    }
    check(reached, 'la tabulation atteint le choix de l’Espace Parents');
    const outline = await parents.evaluate((el) => getComputedStyle(el).outlineStyle);
    check(outline !== 'none', `le focus est visible (outline ${outline})`);
    const before = await parents.inputValue();
    await page.keyboard.press(before === 'CAS' ? 'ArrowUp' : 'ArrowDown');
    const after = await parents.inputValue();
    check(after !== before, `le clavier change la délégation (${before} → ${after})`);
    let onSave = false;
    const save = page.getByRole('button', { name: 'Enregistrer les paramètres' });
    for (let i = 0; i < 80 && !onSave; i += 1) {
      await page.keyboard.press('Tab');
      onSave = await save.evaluate((el) => el === document.activeElement);
    }
    check(onSave, 'la tabulation atteint « Enregistrer les paramètres »');
    await page.keyboard.press('Enter');
    await page.getByText('Paramètres enregistrés.', { exact: true }).waitFor();
    check(true, 'Entrée enregistre les paramètres');
    const drift = page.getByText('Paramètres non conformes au modèle');
    await drift.waitFor({ timeout: 10_000 }).catch(() => {});
    check(await drift.isVisible(), 'le bandeau « Paramètres non conformes au modèle » signale l’écart');
    await audit(page, 'Base (non conforme au modèle)');

    console.log('Modèle');
    await page.reload();
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).waitFor();
    const pending = page.locator('#model').getByText('Mise à jour du modèle en attente');
    if (await pending.isVisible()) {
      const changes = await page.locator('#model table').first().locator('tbody tr').count();
      check(changes > 0, `la mise à jour du modèle en attente montre ses ${changes} changement(s) champ par champ`);
      await audit(page, 'Base (mise à jour du modèle en attente)');
      await shot(page, '11-mise-a-jour-modele');
      await page.locator('#model').getByRole('button', { name: 'Appliquer', exact: true }).click();
      await pending.waitFor({ state: 'hidden' });
      check(true, '« Appliquer » applique la mise à jour du modèle');
    } else {
      check(false, 'la mise à jour du modèle en attente est affichée');
    }
    const catalog = page.getByLabel('Appliquer un modèle du catalogue');
    const firstModel = await catalog.locator('option').nth(1).getAttribute('value');
    await catalog.selectOption(firstModel);
    await page.getByRole('button', { name: 'Appliquer le modèle', exact: true }).click();
    const modelApplied = page.getByText('Modèle appliqué.');
    const preview = page.getByText('Des valeurs saisies seront remplacées');
    await Promise.race([modelApplied.waitFor(), preview.waitFor()]);
    if (await preview.isVisible()) {
      check(true, 'appliquer un modèle montre d’abord les valeurs qui seraient remplacées');
      check(await page.getByRole('button', { name: 'Remplacer et appliquer le modèle' }).isDisabled(), 'le remplacement attend une confirmation explicite');
      await page.getByLabel('Je confirme le remplacement de ces valeurs').check();
      await page.getByRole('button', { name: 'Remplacer et appliquer le modèle' }).click();
      await modelApplied.waitFor();
    }
    check(true, 'un modèle du catalogue s’applique');

    console.log('Paramètres conseillés');
    await page.getByRole('button', { name: 'Appliquer les paramètres conseillés' }).click();
    const applied = page.getByText('Paramètres conseillés appliqués.');
    const needsRoot = page.getByLabel('Adresse du serveur CAS de l’établissement');
    const recommendedError = page.locator('#model p[role=alert]');
    await Promise.race([applied.waitFor(), needsRoot.waitFor(), recommendedError.first().waitFor()]);
    if ((await recommendedError.count()) && /modifiée entre-temps/.test(await recommendedError.first().innerText())) {
      // The demo's scheduled model refresh may have changed the base meanwhile:
      // the console read it again, a second click applies on the new version.
      check(true, 'un changement concurrent est signalé et la base relue');
      await page.waitForLoadState('networkidle');
      await page.getByRole('button', { name: 'Appliquer les paramètres conseillés' }).click();
      await Promise.race([applied.waitFor(), needsRoot.waitFor(), recommendedError.first().waitFor()]);
    }
    if (await recommendedError.count()) throw new Error(`paramètres conseillés refusés : ${await recommendedError.first().innerText()}`);
    if (await needsRoot.isVisible()) {
      await needsRoot.fill('https://cas.exemple.fr/cas');
      await page.getByRole('button', { name: 'Appliquer les paramètres conseillés' }).click();
      const rootError = page.locator('#model p[role=alert], #model .mantine-InputWrapper-error');
      await Promise.race([applied.waitFor(), rootError.first().waitFor()]);
      if (await rootError.count()) throw new Error(`paramètres conseillés refusés : ${await rootError.first().innerText()}`);
    }
    check(true, '« Appliquer les paramètres conseillés » met les valeurs du modèle');
    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByRole('button', { name: 'Arrêter la publication' }).waitFor();
    check(true, '« Publier » publie la base');
    await audit(page, 'Base (publiée de nouveau)');

    console.log('Fiche de configuration');
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: /^Fiche de configuration de / }).first().click();
    const fiche = await popup;
    watchConsole(fiche, 'fiche', errors);
    await fiche.waitForURL(/^blob:/);
    await fiche.waitForLoadState();
    const ficheText = await fiche.locator('body').innerText();
    check(/fiche|configuration/i.test(ficheText) && ficheText.includes(myBase.groupUai), 'la fiche de configuration s’ouvre dans un nouvel onglet');
    const styled = await fiche.evaluate(() => document.styleSheets.length > 0 && document.styleSheets[0].cssRules.length > 0);
    check(styled, 'la fiche garde sa mise en page (style autorisé par son empreinte)');
    await shot(fiche, '10-fiche');
    await fiche.close();

    console.log('Diagnostics');
    await page.getByRole('link', { name: 'Diagnostics' }).click();
    await page.getByRole('heading', { name: /^Diagnostics/ }).waitFor();
    await page.waitForLoadState('networkidle');
    await audit(page, 'Diagnostics');
    await keyboardOnly(page, 'Diagnostics', check);
    await shot(page, '05-diagnostics');
    const fix = page.getByRole('link', { name: 'Corriger : aller au paramètre concerné' }).first();
    if ((await fix.count()) > 0) {
      await fix.click();
      await page.waitForURL(/\/bases\//);
      check(true, 'un constat mène au paramètre concerné');
    }

    console.log('Tester l’authentification');
    await page.goto(`${url}/bases/${myBase.id}/test`);
    await page.getByRole('heading', { name: 'Tester l’authentification' }).waitFor();
    await page.waitForLoadState('networkidle');
    await audit(page, 'Tester l’authentification');
    await keyboardOnly(page, 'Tester l’authentification', check);
    await shot(page, '06-tester');

    console.log('Rapprochement');
    await page.getByRole('link', { name: 'Rapprochement' }).click();
    await page.getByRole('heading', { name: 'Rapprochement des comptes' }).waitFor();
    await page.waitForLoadState('networkidle');
    await audit(page, 'Rapprochement');
    const downloadEvent = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Générer et télécharger le fichier de rapprochement' }).click();
    const downloaded = await downloadEvent;
    check(/\.xml$/.test(downloaded.suggestedFilename()), `le fichier de rapprochement se télécharge (${downloaded.suggestedFilename()})`);
    await page.locator('input[type=file]').setInputFiles({ name: 'export.xml', mimeType: 'application/xml', buffer: Buffer.from('<pas un export de PRONOTE/>') });
    await page.getByRole('button', { name: 'Envoyer l’export' }).click();
    const refusedFile = page.getByRole('alert').filter({ hasText: 'Fichier refusé' });
    await refusedFile.waitFor();
    const reason = (await refusedFile.innerText()).replace(/\s+/g, ' ');
    check(reason.length > 'Fichier refusé'.length + 10 && !/multipart|GraphQL/.test(reason), `un export refusé montre sa raison : « ${reason.slice(0, 160)} »`);
    await audit(page, 'Rapprochement (export refusé)');
    await shot(page, '08-rapprochement');

    console.log('Liaison manuelle');
    const section = page.locator('section[aria-labelledby=step5]');
    await section.getByRole('region', { name: /utilisateurs? PRONOTE/ }).waitFor();
    const unlinkedBefore = await supervisionCount(page, 'Utilisateurs rapprochés');
    await section.getByLabel('Rechercher un utilisateur').fill('martin');
    const linkButton = section.getByRole('button', { name: /^Lier .+ à un compte ENT$/ }).first();
    await linkButton.waitFor();
    const who = (await linkButton.getAttribute('aria-label')).replace(/^Lier (.+) à un compte ENT$/, '$1');
    check(/^MARTIN /.test(who), `la recherche trouve les utilisateurs PRONOTE (${who})`);
    // Keyboard only: Enter opens the dialog, Escape closes it and gives the
    // focus back to the row's button.
    await linkButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Lier ${who} à un compte ENT` });
    await dialog.waitFor();
    check(await dialog.evaluate((d) => d.contains(document.activeElement)), 'la boîte de liaison prend le focus');
    await audit(page, 'Rapprochement (liaison manuelle)');
    await shot(page, '12-liaison-manuelle');
    for (let i = 0; i < 6; i += 1) await page.keyboard.press('Tab');
    check(await dialog.evaluate((d) => d.contains(document.activeElement)), 'la tabulation reste dans la boîte ouverte');
    // In the search field with its list open, Escape first closes the list
    // (the combobox pattern), then the dialog.
    const openList = page.getByRole('listbox');
    if (await openList.isVisible()) {
      await page.keyboard.press('Escape');
      await openList.waitFor({ state: 'hidden' });
      check(await dialog.isVisible(), 'Échap ferme d’abord la liste des comptes proposés');
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Mantine gives the focus back once the closing transition is over.
    let returned = false;
    for (let i = 0; i < 20 && !returned; i += 1) {
      returned = await linkButton.evaluate((el) => el === document.activeElement);
      if (!returned) await page.waitForTimeout(100);
    }
    check(returned, 'Échap ferme la boîte et rend le focus au bouton « Lier… »');
    // Link by hand: a search among the ENT accounts nobody is linked to.
    await linkButton.click();
    await dialog.waitFor();
    const [lastName, firstName] = who.split(' ');
    const combobox = dialog.getByRole('textbox', { name: 'Compte ENT non rapproché' });
    await combobox.fill(`${lastName.toLowerCase()} ${firstName}`);
    const listbox = page.getByRole('listbox');
    const option = listbox.getByRole('option', { name: new RegExp(`^${lastName} ${firstName}`) }).first();
    await option.waitFor();
    const optionCount = await listbox.getByRole('option').count();
    const chosen = await option.innerText();
    check(optionCount >= 1 && (await listbox.getByRole('option').filter({ hasNotText: lastName }).count()) === 0, `la recherche parmi les comptes ENT non rapprochés propose ${optionCount} compte(s)`);
    await option.click();
    await dialog.getByRole('button', { name: 'Lier', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const linked = section.getByRole('status').filter({ hasText: `${who} est lié(e) au compte ENT` });
    await linked.waitFor();
    const entId = chosen.split(' — ').pop().trim();
    check((await linked.innerText()).includes(entId), `« Lier » lie ${who} au compte ENT ${entId}`);
    const unlinkButton = section.getByRole('button', { name: `Délier ${who}` });
    await unlinkButton.first().waitFor();
    await page.waitForLoadState('networkidle');
    check((await supervisionCountReaching(page, 'Utilisateurs rapprochés', unlinkedBefore + 1)) === unlinkedBefore + 1, 'la supervision compte la nouvelle liaison');
    await audit(page, 'Rapprochement (liaison manuelle faite)');
    await unlinkButton.first().click();
    await section.getByRole('status').filter({ hasText: `La liaison de ${who} est supprimée.` }).waitFor();
    await page.waitForLoadState('networkidle');
    await section.getByRole('button', { name: `Délier ${who}` }).first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
    check((await section.getByRole('button', { name: `Délier ${who}` }).count()) === 0, `« Délier » supprime la liaison de ${who}`);
    check((await supervisionCountReaching(page, 'Utilisateurs rapprochés', unlinkedBefore)) === unlinkedBefore, 'la supervision ne la compte plus');
    // Every row back before the Tab walk: the filtered table must not be
    // replaced by the whole list while the walk goes through it.
    const usersTable = section.locator('table.virtual-table');
    const filteredRows = await usersTable.getAttribute('aria-rowcount');
    await section.getByLabel('Rechercher un utilisateur').fill('');
    for (let i = 0; i < 50 && (await usersTable.getAttribute('aria-rowcount')) === filteredRows; i += 1) await page.waitForTimeout(100);
    check((await usersTable.getAttribute('aria-rowcount')) !== filteredRows, 'effacer la recherche montre de nouveau tous les utilisateurs');
    await page.waitForLoadState('networkidle');
    await keyboardOnly(page, 'Rapprochement', check, { mustReach: [/Générer et télécharger le fichier de rapprochement/, /Lancer le rapprochement/, /Lier .+ à un compte ENT/, /Pour confirmer, saisissez SUPPRIMER/] });

    console.log('Assistance');
    await page.getByRole('link', { name: 'Assistance' }).click();
    await page.getByRole('heading', { name: 'Ouvrir une demande' }).waitFor();
    await page.waitForLoadState('networkidle');
    await audit(page, 'Assistance');
    await keyboardOnly(page, 'Assistance', check, { mustReach: [/Objet/, /Description/, /Envoyer la demande/] });
    await page.getByLabel('Objet').fill('La connexion ENT renvoie vers PRONOTE sans être reconnu');
    await page.getByLabel('Description').fill('Depuis ce matin, les élèves arrivent sur la page d’identification de PRONOTE.');
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.getByText('Demande envoyée à l’assistance.').waitFor();
    await page.getByRole('heading', { name: 'La connexion ENT renvoie vers PRONOTE sans être reconnu', level: 2 }).waitFor();
    check(true, 'une demande d’assistance s’ouvre et apparaît avec son suivi');
    await page.getByLabel('Ajouter un commentaire').fill('Le problème concerne aussi les parents.');
    await page.getByRole('button', { name: 'Commenter' }).click();
    await page.getByText('Le problème concerne aussi les parents.', { exact: true }).waitFor();
    check(true, 'un commentaire s’ajoute au suivi');
    await audit(page, 'Assistance (demande ouverte)');
    await shot(page, '09-assistance');

    console.log('Un autre établissement');
    await page.goto(`${url}/bases/${otherBase.id}`);
    await page.getByText('Base introuvable').waitFor();
    check(true, 'l’adresse de la base d’un autre établissement répond « introuvable »');
    check((await page.getByRole('button', { name: 'Enregistrer les paramètres' }).count()) === 0, 'rien de cette base n’est montré');
    await audit(page, 'Base introuvable');
    await keyboardOnly(page, 'Base introuvable', check);
    await shot(page, '07-introuvable');

    console.log('Déconnexion');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/connexion/);
    await page.goto(`${url}/etablissements`);
    await page.waitForURL(/\/connexion\?retour=/);
    check(true, 'après la déconnexion, la session est fermée (le cookie ne rouvre rien)');
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
