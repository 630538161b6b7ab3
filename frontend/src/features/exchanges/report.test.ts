import { describe, expect, it } from 'vitest';
import { describeSummary, formatSize, parseDays, splitReportLine } from './report';

describe('splitReportLine', () => {
  it('splits the line, the column and the reason', () => {
    expect(splitReportLine('ligne 4, colonne nom : Le nom est obligatoire.')).toEqual({ line: 4, column: 'nom', reason: 'Le nom est obligatoire.' });
  });
  it('reads a message without a column and capitalises its reason', () => {
    expect(splitReportLine('ligne 7 : établissement 0450000A inconnu ou hors de votre périmètre')).toEqual({
      line: 7,
      column: null,
      reason: 'Établissement 0450000A inconnu ou hors de votre périmètre',
    });
  });
  it('keeps a message of another shape whole', () => {
    expect(splitReportLine('le fichier est vide')).toEqual({ line: null, column: null, reason: 'le fichier est vide' });
  });
});

describe('describeSummary', () => {
  it('says the counts of each kind of file', () => {
    expect(describeSummary({ accounts: 47, byProfile: { ELEVE: 20 }, uais: ['0410017W', '0410018X'] })).toBe('47 comptes ENT · 0410017W, 0410018X');
    expect(describeSummary({ users: 1, withoutCasId: 0, exportUai: '0410017W' })).toBe('1 utilisateur PRONOTE · dont 0 sans identifiant CAS · 0410017W');
    expect(describeSummary({ links: 2 })).toBe('2 liaisons');
  });
  it('says nothing of what it does not know', () => {
    expect(describeSummary({ ticketId: 'x' })).toBe('—');
    expect(describeSummary(null)).toBe('—');
    expect(describeSummary([1])).toBe('—');
  });
});

describe('formatSize and parseDays', () => {
  it('formats sizes in French', () => {
    expect(formatSize(1)).toBe('1 octet');
    expect(formatSize(2048)).toBe('2 Ko');
    expect(formatSize(3.5 * 1024 * 1024)).toBe('3,5 Mo');
  });
  it('reads whole days only', () => {
    expect(parseDays(' 30 ')).toBe(30);
    expect(parseDays('0')).toBe(0);
    expect(parseDays('1.5')).toBeNull();
    expect(parseDays('')).toBeNull();
    expect(parseDays('-3')).toBeNull();
    expect(parseDays('9999999999')).toBeNull();
  });
});
