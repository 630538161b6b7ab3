import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/errors';
import { type ApiOutcome, type BulkItem, runInBatches, tally } from './bulk';

const items: BulkItem[] = Array.from({ length: 7 }, (_, i) => ({ baseId: `b${i}`, expectedVersion: 2, groupUai: `041000${i}X` }));

describe('runInBatches', () => {
  it('sends the bases in batches, reports the progress after each and keeps one outcome per base in order', async () => {
    const send = vi.fn(async (batch: { baseId: string; expectedVersion: number }[]): Promise<ApiOutcome[]> =>
      batch.map((b) =>
        b.baseId === 'b4'
          ? { baseId: b.baseId, groupUai: '0410004X', status: 'REFUSED', code: 'CONFLICT', message: 'La base a été modifiée entre-temps' }
          : { baseId: b.baseId, groupUai: null, status: 'APPLIED' },
      ),
    );
    const progress = vi.fn();
    const outcomes = await runInBatches(items, send, progress, 3);
    expect(send.mock.calls.map(([batch]) => batch.map((b) => b.baseId))).toEqual([['b0', 'b1', 'b2'], ['b3', 'b4', 'b5'], ['b6']]);
    expect(send.mock.calls[0]![0][0]).toEqual({ baseId: 'b0', expectedVersion: 2 });
    expect(progress.mock.calls.map(([done]) => done)).toEqual([3, 6, 7]);
    expect(outcomes.map((o) => o.baseId)).toEqual(items.map((i) => i.baseId));
    expect(outcomes[4]).toMatchObject({ status: 'REFUSED', code: 'CONFLICT', groupUai: '0410004X' });
    expect(outcomes[0]!.groupUai).toBe('0410000X');
    expect(tally(outcomes)).toEqual({ applied: 6, dismissed: 0, refused: 1, notSent: 0 });
  });

  it('stops at a refused request and reports its bases and the following ones as not sent', async () => {
    const send = vi
      .fn()
      .mockResolvedValueOnce(items.slice(0, 3).map((b) => ({ baseId: b.baseId, status: 'APPLIED' })))
      .mockRejectedValueOnce(new ApiError({ message: 'Votre session a expiré', extensions: { code: 'UNAUTHENTICATED' } }));
    const outcomes = await runInBatches(items, send, () => {}, 3);
    expect(send).toHaveBeenCalledTimes(2);
    expect(tally(outcomes)).toEqual({ applied: 3, dismissed: 0, refused: 0, notSent: 4 });
    expect(outcomes[6]!.message).toMatch(/^Non envoyée : Votre session a expiré/);
  });
});
