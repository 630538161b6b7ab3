import { describe, expect, it } from 'vitest';
import { flatten, settingsDiff } from './diff';

describe('settingsDiff', () => {
  it('lists every field of either side once, and marks the changed ones', () => {
    const before = { delegations: { cas: false }, casUrls: null, espaces: [{ espace: 'ELEVE', delegation: 'NONE' }] };
    const after = { delegations: { cas: true }, casUrls: { root: 'https://cas.exemple.fr/cas' }, espaces: [{ espace: 'ELEVE', delegation: 'CAS' }] };
    const rows = settingsDiff(before, after);
    expect(rows.map((r) => [r.label, r.before, r.after, r.changed])).toEqual([
      ['Délégations actives › cas', 'Non', 'Oui', true],
      ['Espaces délégués › 1 › espace', 'ELEVE', 'ELEVE', false],
      ['Espaces délégués › 1 › delegation', 'NONE', 'CAS', true],
      ['Adresses du serveur CAS › root', '—', 'https://cas.exemple.fr/cas', true],
    ]);
  });

  it('finds nothing changed between equal settings, and everything new when there was no base', () => {
    const settings = { directAccess: 'ALWAYS', clientDirectAccess: true };
    expect(settingsDiff(settings, settings).some((r) => r.changed)).toBe(false);
    expect(settingsDiff(null, settings).every((r) => r.changed && r.before === '—')).toBe(true);
  });

  it('keeps empty lists and objects as a value of their own', () => {
    expect([...flatten({ espaces: [], pronoteClient: {} })]).toEqual([
      ['espaces', '—'],
      ['pronoteClient', '—'],
    ]);
  });
});
