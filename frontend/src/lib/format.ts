// French formats through Intl (dates, numbers, plural forms).
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
const number = new Intl.NumberFormat('fr-FR');
const plural = new Intl.PluralRules('fr-FR');

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function formatNumber(value: number): string {
  return number.format(value);
}

/** `count(3, 'constat', 'constats')` → « 3 constats ». */
export function count(value: number, one: string, other: string): string {
  return `${number.format(value)} ${plural.select(value) === 'one' ? one : other}`;
}

export function formatDuration(ms: number): string {
  return `${number.format(ms)} ms`;
}

const day = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeZone: 'UTC' });

/** A calendar date of the API (`2010-03-14`) → « 14/03/2010 ». */
export function formatDate(isoDay: string): string {
  return day.format(new Date(`${isoDay}T00:00:00Z`));
}

const collator = new Intl.Collator('fr-FR', { sensitivity: 'base' });

/** French alphabetical order (accents and case ignored). */
export function compareFrench(a: string, b: string): number {
  return collator.compare(a, b);
}

/** A search key: lower case, without accents (« Inès » is found by « ines »). */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
