import { describe, expect, it } from 'vitest';
import { ApiError, fieldErrors, isConflict, isNotFound, messageOf } from './errors';

describe('error mapping', () => {
  it('keeps the API’s French message for the codes meant for people', () => {
    const error = new ApiError({ message: 'Trop de tentatives : réessayez dans 42 s.', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 42 } });
    expect(error.message).toBe('Trop de tentatives : réessayez dans 42 s.');
    expect(error.retryAfterSeconds).toBe(42);
  });

  it('replaces internal details with the console’s wording', () => {
    const error = new ApiError({ message: 'panicked at src/lib.rs', extensions: { code: 'INTERNAL' } });
    expect(error.message).toMatch(/^Erreur inattendue du serveur/);
    expect(new ApiError({ message: 'x', extensions: { code: 'TIMEOUT' } }).message).toMatch(/trop de temps/);
  });

  it('words a reason the console knows better than the API', () => {
    const error = new ApiError({ message: 'Requête refusée', extensions: { code: 'FORBIDDEN', reason: 'CSRF' } });
    expect(error.message).toBe('Votre session n’a pas pu être vérifiée : rechargez la page.');
  });

  it('gives an error without code the internal message', () => {
    expect(new ApiError({ message: 'Syntax' }).code).toBe('INTERNAL');
  });

  it('puts a field error on the field the form knows', () => {
    const error = new ApiError({ message: 'Indiquez l’adresse du serveur CAS.', extensions: { code: 'VALIDATION', field: 'settings.casUrls' } });
    expect(fieldErrors(error, ['casUrls', 'profileValues'])).toEqual({ casUrls: 'Indiquez l’adresse du serveur CAS.' });
    expect(fieldErrors(error, ['other'])).toEqual({});
    expect(fieldErrors(new Error('x'), ['casUrls'])).toEqual({});
  });

  it('tells conflicts, absences and network failures apart', () => {
    expect(isConflict(new ApiError({ message: '', extensions: { code: 'CONFLICT', field: 'version' } }))).toBe(true);
    expect(isNotFound(new ApiError({ message: '', extensions: { code: 'NOT_FOUND' } }))).toBe(true);
    expect(isNotFound(new ApiError({ message: '', extensions: { code: 'VALIDATION' } }))).toBe(false);
    expect(messageOf(new TypeError('Failed to fetch'))).toMatch(/Relais ne répond pas/);
  });
});
