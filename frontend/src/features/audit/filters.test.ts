import { describe, expect, it } from 'vitest';
import { objectLink, readFilters, toApiFilter, writeFilters } from './filters';

describe('journal filters', () => {
  it('round-trips through the address, dropping empty fields', () => {
    const params = new URLSearchParams('acteur=jeanne%40alpha.test&action=USER_CREATED&du=2026-12-01');
    const filters = readFilters(params);
    expect(filters).toEqual({ acteur: 'jeanne@alpha.test', action: 'USER_CREATED', type: '', objet: '', du: '2026-12-01', au: '', operateur: '' });
    expect(writeFilters({ ...filters, objet: '  ' })).toEqual({ acteur: 'jeanne@alpha.test', action: 'USER_CREATED', du: '2026-12-01' });
  });

  it('sends local days with the last one included, and ignores an unknown object type', () => {
    const filter = toApiFilter({ acteur: '', action: '', type: 'NOPE', objet: '', du: '2026-12-01', au: '2026-12-03', operateur: '' });
    expect(filter.targetType).toBeNull();
    expect(filter.actorEmail).toBeNull();
    expect(new Date(filter.since!).getTime()).toBe(new Date(2026, 11, 1).getTime());
    expect(new Date(filter.until!).getTime()).toBe(new Date(2026, 11, 4).getTime());
    expect(toApiFilter({ acteur: '', action: '', type: '', objet: '', du: '01/12/2026', au: '', operateur: '' }).since).toBeNull();
  });

  it('links an entry to its object where the console shows it', () => {
    expect(objectLink({ targetType: 'TICKET', targetId: 't1', baseId: 'b1' })).toEqual({ to: '/bases/b1/assistance', label: 'Voir le ticket' });
    expect(objectLink({ targetType: 'ESTABLISHMENT', targetId: 'e1', baseId: 'b1' })?.to).toBe('/bases/b1');
    expect(objectLink({ targetType: 'ESTABLISHMENT', targetId: 'e1', baseId: null })).toBeNull();
    expect(objectLink({ targetType: 'USER', targetId: 'u1' })?.to).toBe('/utilisateurs?compte=u1');
    expect(objectLink({ targetType: 'ENT_MODEL', targetId: 'm1' })?.to).toBe('/modeles/m1');
    expect(objectLink({ targetType: 'TENANT', targetId: 'x' })).toBeNull();
  });
});
