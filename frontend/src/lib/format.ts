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
