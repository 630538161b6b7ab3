// Pure helpers of the « Échanges » screen: the ENT accounts report's lines,
// stored files' labels and contents.
import type { FileKindName } from '@/gql/graphql';
import { count, formatNumber } from '@/lib/format';

export interface ReportLine {
  /** The file's line (the header is line 1), when the message names one. */
  line: number | null;
  /** The column at fault, when the message names one. */
  column: string | null;
  reason: string;
}

/**
 * One refused line of `importEntAccounts` (`ligne 4, colonne nom : Le nom
 * est obligatoire.`, `ligne 7 : établissement … inconnu`) split for the
 * report's table; a message of another shape is kept whole as the reason.
 */
export function splitReportLine(message: string): ReportLine {
  const match = /^ligne (\d+)(?:, colonne ([^:]+?))? : ([\s\S]*)$/.exec(message.trim());
  if (!match) return { line: null, column: null, reason: message.trim() };
  const reason = match[3]!.trim();
  return { line: Number(match[1]), column: match[2]?.trim() ?? null, reason: reason.charAt(0).toUpperCase() + reason.slice(1) };
}

export const KIND_LABELS: Record<FileKindName, string> = {
  ACCOUNT_MATCHING: 'Fichier de rapprochement (vers PRONOTE)',
  IDENTIFIERS_EXPORT: 'Export des identifiants PRONOTE',
  PRONOTE_IDENTIFIERS: 'Fichier idPronote (vers l’ENT)',
  TICKET_ATTACHMENT: 'Pièce jointe d’un ticket',
};

function numberAt(summary: Record<string, unknown>, key: string): number | null {
  const value = summary[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** What a stored file holds, from its summary (counts only, never names). */
export function describeSummary(summary: unknown): string {
  if (!summary || typeof summary !== 'object' || Array.isArray(summary)) return '—';
  const s = summary as Record<string, unknown>;
  const parts: string[] = [];
  const accounts = numberAt(s, 'accounts');
  if (accounts !== null) parts.push(count(accounts, 'compte ENT', 'comptes ENT'));
  const users = numberAt(s, 'users');
  if (users !== null) parts.push(count(users, 'utilisateur PRONOTE', 'utilisateurs PRONOTE'));
  const without = numberAt(s, 'withoutCasId');
  if (without !== null) parts.push(`dont ${formatNumber(without)} sans identifiant CAS`);
  const links = numberAt(s, 'links');
  if (links !== null) parts.push(count(links, 'liaison', 'liaisons'));
  const uais = Array.isArray(s.uais) ? s.uais.filter((u): u is string => typeof u === 'string') : [];
  if (uais.length > 0) parts.push(uais.join(', '));
  if (typeof s.exportUai === 'string') parts.push(s.exportUai);
  return parts.length > 0 ? parts.join(' · ') : '—';
}

/** A size for people: « 812 octets », « 12 Ko », « 3,4 Mo ». */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return count(bytes, 'octet', 'octets');
  if (bytes < 1024 * 1024) return `${formatNumber(Math.ceil(bytes / 1024))} Ko`;
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} Mo`;
}

/** A retention typed by a person: whole days (the API says which range it accepts). */
export function parseDays(raw: string): number | null {
  const text = raw.trim();
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}
