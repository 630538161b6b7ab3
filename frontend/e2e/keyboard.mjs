// Keyboard-only checks of a screen (RGAA 7.3, 10.7, 12.13; WCAG 2.1.1,
// 2.1.2, 2.4.3, 2.4.7): Tab from the top of the page goes through every
// control that can take the focus, in an order that runs down the page, each
// shown with a visible focus, and comes back to the start (no trap).

/** Controls a keyboard user must be able to reach, as the page shows them. */
function listFocusable() {
  const selector = [
    'a[href]',
    'button',
    'input:not([type=hidden])',
    'select',
    'textarea',
    '[tabindex]',
    '[contenteditable=true]',
  ].join(',');
  const visible = (el) => {
    if (el.closest('[inert], [aria-hidden=true]')) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    const box = el.getBoundingClientRect();
    // Visually hidden inputs (a switch's) are drawn by a sibling.
    return box.width > 0 || box.height > 0 || el.nextElementSibling !== null;
  };
  const all = [...document.querySelectorAll(selector)].filter(
    (el) => !el.disabled && el.getAttribute('tabindex') !== '-1' && visible(el),
  );
  // One tab stop per radio group (arrow keys move within it).
  const radios = new Set();
  return all.filter((el) => {
    if (el.type !== 'radio') return true;
    const group = el.name || el.closest('[role=radiogroup]')?.id || '';
    if (radios.has(group)) return false;
    radios.add(group);
    return true;
  });
}

/** Tabs through the page; returns what was reached and what was not. */
export async function tabThrough(page, { limit = 400 } = {}) {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('[data-kb-seen]')) el.removeAttribute('data-kb-seen');
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    window.scrollTo(0, 0);
  });
  // Start from the document itself, as after a page load.
  await page.locator('body').evaluate((body) => {
    body.setAttribute('tabindex', '-1');
    body.focus();
    body.removeAttribute('tabindex');
  });
  const stops = [];
  let first = null;
  let wrapped = false;
  let stuck = null;
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    // Two frames: a virtualised list scrolled by the focus mounts its next
    // rows on the next frame; the next Tab must find them in the page.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return { id: null };
      const already = el.getAttribute('data-kb-seen');
      // A counter of the page (rows of a virtualised list come and go).
      window.__kbStops = (window.__kbStops ?? 0) + (already ? 0 : 1);
      const id = already ?? String(window.__kbStops);
      el.setAttribute('data-kb-seen', id);
      const style = getComputedStyle(el);
      let shown = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const box = el.getBoundingClientRect();
      if (!shown && (box.width <= 1 || box.height <= 1 || style.opacity === '0')) {
        // A visually hidden input: its drawn sibling shows the focus.
        const drawn = el.nextElementSibling;
        const ds = drawn ? getComputedStyle(drawn) : null;
        shown = !!ds && ((ds.outlineStyle !== 'none' && parseFloat(ds.outlineWidth) > 0) || ds.boxShadow !== 'none');
      }
      const label =
        el.getAttribute('aria-label') ||
        (el.labels && el.labels[0]?.innerText) ||
        el.innerText ||
        el.getAttribute('placeholder') ||
        el.tagName.toLowerCase();
      return {
        id,
        again: already !== null,
        label: label.replace(/\s+/g, ' ').trim().slice(0, 60),
        shown,
        top: box.top + window.scrollY,
        inView: box.bottom > 0 && box.top < window.innerHeight,
      };
    });
    if (stop.id === null) {
      // Focus left the page (to the browser): the next Tab comes back.
      if (first !== null) {
        wrapped = true;
        break;
      }
      continue;
    }
    if (first === null) first = stop.id;
    else if (stop.id === first) {
      wrapped = true;
      break;
    }
    const previous = stops[stops.length - 1];
    if (previous && previous.id === stop.id) {
      stuck = stop.label;
      break;
    }
    if (!stop.again) stops.push(stop);
  }
  const missed = await page.evaluate(`(${listFocusable.toString()})()
    .filter((el) => !el.hasAttribute('data-kb-seen'))
    .map((el) => (el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].innerText) || el.innerText || el.outerHTML.slice(0, 80)).replace(/\\s+/g, ' ').trim().slice(0, 60))`);
  return { stops, wrapped, stuck, missed };
}

/**
 * The checks of one screen, reported through `check(condition, what)`.
 * `mustReach`: labels (regular expressions) of controls the Tab order must
 * include.
 */
export async function keyboardOnly(page, name, check, { mustReach = [] } = {}) {
  const { stops, wrapped, stuck, missed } = await tabThrough(page);
  check(stops.length > 0 && !stuck, `${name} (clavier) : la tabulation parcourt ${stops.length} contrôle(s)${stuck ? `, bloquée sur « ${stuck} »` : ''}`);
  check(missed.length === 0, `${name} (clavier) : chaque contrôle est atteint${missed.length ? ` — manquent : ${missed.slice(0, 5).join(' | ')}` : ''}`);
  const hidden = stops.filter((s) => !s.shown);
  check(hidden.length === 0, `${name} (clavier) : le focus est visible sur chaque contrôle${hidden.length ? ` — invisible sur : ${hidden.slice(0, 5).map((s) => s.label).join(' | ')}` : ''}`);
  check(wrapped, `${name} (clavier) : la tabulation revient au début (aucun piège)`);
  for (const wanted of mustReach) {
    check(stops.some((s) => wanted.test(s.label)), `${name} (clavier) : la tabulation atteint ${wanted}`);
  }
  return stops;
}
