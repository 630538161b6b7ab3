import { describe, expect, it } from 'vitest';
import { expectedCheckLetter, hasWrongCheckLetter, searchFilter } from './uai';

describe('UAI check letter', () => {
  it('computes the letter the digits call for, as the API does', () => {
    expect(expectedCheckLetter('0410017W')).toBe('W');
    expect(expectedCheckLetter(' 0410017a ')).toBe('W');
    expect(expectedCheckLetter('0180005H')).toBe('H');
    expect(hasWrongCheckLetter('0410017W')).toBe(false);
    expect(hasWrongCheckLetter('0410017a')).toBe(true);
  });

  it('says nothing of a code not shaped like a UAI', () => {
    for (const raw of ['', '041001W', '04100171', 'ABCDEFGH', '0410017WW']) {
      expect(expectedCheckLetter(raw)).toBeNull();
      expect(hasWrongCheckLetter(raw)).toBe(false);
    }
  });
});

describe('search', () => {
  it('reads digits first as the start of a UAI, anything else as words of the name', () => {
    expect(searchFilter('  ')).toBeNull();
    expect(searchFilter('041')).toEqual({ uaiPrefix: '041' });
    expect(searchFilter('0410017w')).toEqual({ uaiPrefix: '0410017W' });
    expect(searchFilter('lycée Blois')).toEqual({ name: 'lycée Blois' });
    expect(searchFilter('2 rue')).toEqual({ name: '2 rue' });
  });
});
