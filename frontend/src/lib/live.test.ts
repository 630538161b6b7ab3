import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POLL_MS, RETRY_MS, runLive, staleKeys, type LiveCallbacks, type LiveEvent, type LiveMode, type SessionWatch } from './live';
import type { SessionChange } from './session';

const event = (kind: LiveEvent['kind'], ids: Partial<LiveEvent> = {}): LiveEvent => ({
  kind,
  ticketId: null,
  establishmentId: null,
  baseId: null,
  modelId: null,
  ...ids,
});

/** A socket the test drives: it records each connection's callbacks. */
function sockets() {
  const opened: LiveCallbacks[] = [];
  const closed: number[] = [];
  const open = (callbacks: LiveCallbacks) => {
    const index = opened.push(callbacks) - 1;
    return () => void closed.push(index);
  };
  const socket = (index: number): LiveCallbacks => {
    const callbacks = opened[index];
    if (!callbacks) throw new Error(`socket ${index} was not opened`);
    return callbacks;
  };
  return { opened, closed, open, socket };
}

describe('live state', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('makes stale the caches of the screens an event concerns', () => {
    expect(staleKeys(event('TICKET_COMMENTED', { ticketId: 't1' }))).toContainEqual(['ticket', 't1']);
    // The helpdesk's ticket page and queue follow the ticket too.
    expect(staleKeys(event('TICKET_COMMENTED', { ticketId: 't1' }))).toContainEqual(['helpdesk-ticket', 't1']);
    expect(staleKeys(event('TICKET_CREATED', { ticketId: 't2' }))).toContainEqual(['ticket-queue']);
    expect(staleKeys(event('BASE_PUBLICATION_CHANGED', { baseId: 'b1' }))).toEqual(
      expect.arrayContaining([['base', 'b1'], ['region-dashboard']]),
    );
    expect(staleKeys(event('MODEL_UPDATE_DISMISSED', { baseId: 'b1' }))).toContainEqual(['pending-model-updates']);
    expect(staleKeys(event('MISSED'))).toBe('all');
  });

  it('refetches the screens of an event, and everything after a reconnection only', () => {
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    const { opened, open, socket } = sockets();
    const modes: LiveMode[] = [];
    const stop = runLive(client, (mode) => modes.push(mode), open, () => () => {});

    socket(0).onLive();
    socket(0).onEvent(event('STARTED'));
    expect(invalidate).not.toHaveBeenCalled();
    socket(0).onEvent(event('TICKET_CHANGED', { ticketId: 't1' }));
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['ticket', 't1'] });
    expect(modes).toEqual(['live']);

    // The socket drops: polling, then a new socket whose STARTED refetches all.
    socket(0).onDown();
    vi.advanceTimersByTime(RETRY_MS);
    expect(opened).toHaveLength(2);
    invalidate.mockClear();
    socket(1).onLive();
    socket(1).onEvent(event('STARTED'));
    expect(invalidate).toHaveBeenCalledWith();
    expect(modes).toEqual(['live', 'polling', 'live']);
    stop();
  });

  it('polls the open screens while the socket is down, and stops once it is back', () => {
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    const { closed, open, socket } = sockets();
    const stop = runLive(client, () => {}, open, () => () => {});

    socket(0).onDown();
    expect(closed).toEqual([0]);
    vi.advanceTimersByTime(POLL_MS);
    expect(invalidate).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(RETRY_MS - POLL_MS);
    socket(1).onLive();
    invalidate.mockClear();
    vi.advanceTimersByTime(POLL_MS * 3);
    expect(invalidate).not.toHaveBeenCalled();
    stop();
    expect(closed).toEqual([0, 1]);
  });

  it('opens the socket again with a renewed access token', () => {
    const client = new QueryClient();
    const { opened, closed, open } = sockets();
    let tell: ((change: SessionChange) => void) | undefined;
    const sessions: SessionWatch = (listener) => {
      tell = listener;
      return () => (tell = undefined);
    };
    const stop = runLive(client, () => {}, open, sessions);
    tell?.('signed-in');
    expect(closed).toEqual([0]);
    expect(opened).toHaveLength(2);
    tell?.('expired');
    expect(opened).toHaveLength(2);
    stop();
    expect(tell).toBeUndefined();
  });

  it('keeps a live socket until the one with the renewed token is subscribed, without refetching', () => {
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    const { opened, closed, open, socket } = sockets();
    let tell: ((change: SessionChange) => void) | undefined;
    const modes: LiveMode[] = [];
    const stop = runLive(client, (mode) => modes.push(mode), open, (listener) => {
      tell = listener;
      return () => (tell = undefined);
    });
    socket(0).onLive();
    socket(0).onEvent(event('STARTED'));

    tell?.('signed-in');
    expect(opened).toHaveLength(2);
    // The old socket stays open and its events still count meanwhile.
    expect(closed).toEqual([]);
    socket(0).onEvent(event('TICKET_CREATED', { ticketId: 't1' }));
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['ticket-queue'] });
    invalidate.mockClear();

    socket(1).onLive();
    socket(1).onEvent(event('STARTED'));
    expect(closed).toEqual([0]);
    // No event fell between the two sockets: nothing to refetch.
    expect(invalidate).not.toHaveBeenCalled();
    // The replaced socket's end is not a fall back to polling.
    socket(0).onDown();
    expect(modes).toEqual(['live', 'live']);
    vi.advanceTimersByTime(POLL_MS * 2);
    expect(invalidate).not.toHaveBeenCalled();
    stop();
    expect(closed).toEqual([0, 1]);
  });

  it('closes the replaced socket too when the new one fails, and polls', () => {
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    const { closed, open, socket } = sockets();
    let tell: ((change: SessionChange) => void) | undefined;
    const modes: LiveMode[] = [];
    const stop = runLive(client, (mode) => modes.push(mode), open, (listener) => {
      tell = listener;
      return () => (tell = undefined);
    });
    socket(0).onLive();
    socket(0).onEvent(event('STARTED'));
    tell?.('signed-in');
    socket(1).onDown();
    expect(closed).toEqual(expect.arrayContaining([0, 1]));
    expect(modes).toEqual(['live', 'polling']);
    vi.advanceTimersByTime(POLL_MS);
    expect(invalidate).toHaveBeenCalledWith();
    stop();
  });
});
