// Bulk actions on pending model updates, sent in batches so that the
// console can show the progress between them (the API takes at most 100
// bases per request and answers one outcome per base).
import type { ModelUpdateOutcomeStatus } from '@/gql/graphql';
import { messageOf } from '@/lib/errors';

/** Bases per request: 50 requests for 500 bases, the bar moves every 10. */
export const BATCH_SIZE = 10;

export interface BulkItem {
  baseId: string;
  expectedVersion: number;
  /** Shown in the outcome when the API names no base (refused request). */
  groupUai: string;
}

export interface BulkOutcome {
  baseId: string;
  groupUai: string;
  status: ModelUpdateOutcomeStatus | 'NOT_SENT';
  code?: string | null;
  message?: string | null;
}

export interface ApiOutcome {
  baseId: string;
  groupUai?: string | null;
  status: ModelUpdateOutcomeStatus;
  code?: string | null;
  message?: string | null;
}

/**
 * Sends `items` in batches of `size`, one after the other; `progress`
 * hears how many bases are done after each. A request refused as a whole
 * (network, session) stops the run: its bases and the following ones are
 * reported « non envoyées », nothing is retried behind the person's back.
 */
export async function runInBatches(
  items: readonly BulkItem[],
  send: (batch: { baseId: string; expectedVersion: number }[]) => Promise<ApiOutcome[]>,
  progress: (done: number, outcomes: BulkOutcome[]) => void,
  size = BATCH_SIZE,
): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (let start = 0; start < items.length; start += size) {
    const batch = items.slice(start, start + size);
    try {
      const answers = await send(batch.map(({ baseId, expectedVersion }) => ({ baseId, expectedVersion })));
      const byId = new Map(answers.map((a) => [a.baseId, a]));
      for (const item of batch) {
        const answer = byId.get(item.baseId);
        outcomes.push(
          answer
            ? { baseId: item.baseId, groupUai: answer.groupUai ?? item.groupUai, status: answer.status, code: answer.code, message: answer.message }
            : { baseId: item.baseId, groupUai: item.groupUai, status: 'NOT_SENT', message: 'Aucune réponse pour cette base.' },
        );
      }
    } catch (error) {
      const message = `Non envoyée : ${messageOf(error)}`;
      for (const item of items.slice(start)) outcomes.push({ baseId: item.baseId, groupUai: item.groupUai, status: 'NOT_SENT', message });
      progress(items.length, [...outcomes]);
      return outcomes;
    }
    progress(Math.min(start + size, items.length), [...outcomes]);
  }
  return outcomes;
}

/** « 18 bases mises à jour, 2 refusées » */
export function tally(outcomes: readonly BulkOutcome[]) {
  return {
    applied: outcomes.filter((o) => o.status === 'APPLIED').length,
    dismissed: outcomes.filter((o) => o.status === 'DISMISSED').length,
    refused: outcomes.filter((o) => o.status === 'REFUSED').length,
    notSent: outcomes.filter((o) => o.status === 'NOT_SENT').length,
  };
}
