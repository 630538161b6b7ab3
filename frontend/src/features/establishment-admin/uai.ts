// The UAI's check letter (docs/domain.md §1), as the API computes it
// (backend/domain/src/uai.rs): the 7-digit number modulo 23 indexes the
// letters without I, O and Q.
const CHECK_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** `0410017W` → its letter is right; `0410017A` → `W` is expected; anything not shaped like a UAI → null. */
export function expectedCheckLetter(raw: string): string | null {
  const value = raw.trim().toUpperCase();
  if (!/^[0-9]{7}[A-Z]$/.test(value)) return null;
  return CHECK_LETTERS[Number(value.slice(0, 7)) % 23] ?? null;
}

/** A UAI shaped right whose check letter is not the one its digits call for. */
export function hasWrongCheckLetter(raw: string): boolean {
  const expected = expectedCheckLetter(raw);
  return expected !== null && raw.trim().toUpperCase().slice(-1) !== expected;
}

/** Typed in the search box: the start of a UAI (digits first) or words of a name. */
export function searchFilter(text: string): { uaiPrefix?: string; name?: string } | null {
  const value = text.trim();
  if (!value) return null;
  if (/^[0-9]/.test(value) && /^[0-9A-Za-z]{1,8}$/.test(value)) return { uaiPrefix: value.toUpperCase() };
  return { name: value };
}
