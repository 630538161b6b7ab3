import { describe, expect, it } from 'vitest';
import { activeCount, DEFAULT_FILTERS, filtersToParams, parseFilters, toFilterInput } from './filters';

describe('the queue’s filters in the address', () => {
  it('reads every filter and writes back the same address', () => {
    const address = 'etat=IN_PROGRESS&categorie=OTHER&academie=Orl%C3%A9ans-Tours&uai=0410017W&age=MORE_THAN_SEVEN_DAYS&attribution=moi';
    const filters = parseFilters(new URLSearchParams(address));
    expect(filters).toEqual({ status: 'IN_PROGRESS', category: 'OTHER', academy: 'Orléans-Tours', uai: '0410017W', age: 'MORE_THAN_SEVEN_DAYS', assignee: 'moi' });
    expect(filtersToParams(filters).toString()).toBe(address);
    expect(activeCount(filters)).toBe(6);
  });

  it('ignores values it does not know and keeps the defaults out of the address', () => {
    const filters = parseFilters(new URLSearchParams('etat=PERDU&categorie=x&age=hier&uai=0410017w'));
    expect(filters).toEqual({ ...DEFAULT_FILTERS, uai: '0410017W' });
    expect(filtersToParams(DEFAULT_FILTERS).toString()).toBe('');
  });

  it('asks the API for the open tickets by default, all of them or one status on demand', () => {
    expect(toFilterInput(DEFAULT_FILTERS)).toMatchObject({ openOnly: true, status: null, mine: false, unassigned: false, assigneeId: null });
    expect(toFilterInput({ ...DEFAULT_FILTERS, status: 'ALL' })).toMatchObject({ openOnly: false, status: null });
    expect(toFilterInput({ ...DEFAULT_FILTERS, status: 'RESOLVED' })).toMatchObject({ openOnly: false, status: 'RESOLVED' });
  });

  it('turns the assignee into exactly one of the API’s criteria', () => {
    expect(toFilterInput({ ...DEFAULT_FILTERS, assignee: 'moi' })).toMatchObject({ mine: true, unassigned: false, assigneeId: null });
    expect(toFilterInput({ ...DEFAULT_FILTERS, assignee: 'personne' })).toMatchObject({ mine: false, unassigned: true, assigneeId: null });
    expect(toFilterInput({ ...DEFAULT_FILTERS, assignee: 'u-42' })).toMatchObject({ mine: false, unassigned: false, assigneeId: 'u-42' });
  });
});
