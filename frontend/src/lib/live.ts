// Live state (issue 17): one WebSocket per signed-in console
// (`/graphql/live`, protocol graphql-transport-ws), subscribed to
// `liveEvents`; each event makes the caches of the screens it concerns
// stale, so the open screens refetch within a moment of someone else's
// change. When the socket cannot be opened or drops, the open screens are
// refetched every POLL_MS instead, and the socket is tried again.
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { createClient } from 'graphql-ws';
import { print } from 'graphql';
import { useEffect, useState } from 'react';
import { graphql } from '@/gql';
import type { LiveEventsSubscription } from '@/gql/graphql';
import { currentToken, onSessionChange, type SessionChange } from './session';

export const LiveEvents = graphql(`
  subscription LiveEvents {
    liveEvents {
      kind
      ticketId
      establishmentId
      baseId
      modelId
    }
  }
`);

export type LiveEvent = LiveEventsSubscription['liveEvents'];

/** How the open screens stay current. */
export type LiveMode = 'connecting' | 'live' | 'polling';

/** Refetch period of the open screens while the socket is down. */
export const POLL_MS = 15_000;
/** Wait before trying the socket again. */
export const RETRY_MS = 30_000;
/** The client's ping period: the server closes a silent socket after 30 s. */
const KEEP_ALIVE_MS = 10_000;

/** What a socket connection reports; `open` returns its disposer. */
export interface LiveCallbacks {
  onEvent: (event: LiveEvent) => void;
  /** Connected and subscribed. */
  onLive: () => void;
  /** Refused, dropped or ended: the caller falls back to polling. */
  onDown: () => void;
}
export type OpenSocket = (callbacks: LiveCallbacks) => () => void;

/** The real socket: graphql-ws on this origin, the access token in `connection_init`. */
export const openSocket: OpenSocket = ({ onEvent, onLive, onDown }) => {
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql/live`;
  let down = false;
  const fail = () => {
    if (down) return;
    down = true;
    onDown();
  };
  const client = createClient({
    url,
    connectionParams: () => ({ authorization: `Bearer ${currentToken() ?? ''}` }),
    keepAlive: KEEP_ALIVE_MS,
    retryAttempts: 0,
    lazy: false,
    on: { closed: fail, error: fail },
  });
  const stop = client.subscribe<LiveEventsSubscription>(
    { query: print(LiveEvents) },
    {
      next: (result) => {
        if (result.errors?.length) return fail();
        const event = result.data?.liveEvents;
        if (!event) return;
        if (event.kind === 'STARTED') onLive();
        onEvent(event);
      },
      error: fail,
      complete: fail,
    },
  );
  return () => {
    down = true;
    stop();
    void client.dispose();
  };
};

/**
 * The caches an event makes stale; `'all'` when every open screen must
 * refetch (events were missed). Keys are the features' query keys.
 */
export function staleKeys(event: LiveEvent): QueryKey[] | 'all' {
  const region: QueryKey[] = [['region-dashboard'], ['region-summary']];
  // The school's lists and the helpdesk's queue, ticket page and dashboard.
  const tickets: QueryKey[] = [['tickets'], ['assistance'], ['ticket-queue'], ['helpdesk-dashboard']];
  switch (event.kind) {
    case 'TICKET_CREATED':
      return tickets;
    case 'TICKET_CHANGED':
    case 'TICKET_COMMENTED':
      return [
        ['ticket', event.ticketId],
        ['helpdesk-ticket', event.ticketId],
        ['helpdesk-ticket-emails', event.ticketId],
        ...tickets,
      ];
    case 'BASE_SETTINGS_CHANGED':
    case 'BASE_PUBLICATION_CHANGED':
      return [['base', event.baseId], ['diagnostics', event.baseId], ...region];
    case 'MODEL_UPDATE_PENDING':
      return [['base'], ['pending-model-updates'], ...region];
    case 'MODEL_UPDATE_APPLIED':
    case 'MODEL_UPDATE_DISMISSED':
      return [['base', event.baseId], ['pending-model-updates'], ...region];
    case 'STARTED':
    case 'MISSED':
      return 'all';
  }
}

/** Tells of session changes; returns the unsubscriber. */
export type SessionWatch = (listener: (change: SessionChange) => void) => () => void;

/**
 * Runs the live state: the socket while it works, polling while it does
 * not. A `STARTED` after a reconnection refetches everything (changes made
 * while the socket was down were not told); the first one does not (the
 * screens have just loaded). When the access token is renewed the socket
 * is opened again with it (the server checks the token before each event
 * and would end the subscription once the old one expires): while the old
 * socket is live it stays open until the new one is subscribed, so no
 * event falls between the two and nothing needs refetching (an event told
 * by both only makes its caches stale twice). Returns the stopper.
 */
export function runLive(
  client: QueryClient,
  setMode: (mode: LiveMode) => void,
  open: OpenSocket = openSocket,
  sessions: SessionWatch = onSessionChange,
): () => void {
  let stopped = false;
  let connectedOnce = false;
  let live = false;
  /** The socket in use, and its number (callbacks of older ones are ignored). */
  let closeSocket: (() => void) | null = null;
  let generation = 0;
  /** Live sockets being replaced: closed once their successor is subscribed. */
  let retiring: (() => void)[] = [];
  let poll: ReturnType<typeof setInterval> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const refetchAll = () => void client.invalidateQueries();
  const retire = () => {
    for (const close of retiring) close();
    retiring = [];
  };
  const connect = () => {
    const mine = ++generation;
    const current = () => mine === generation && !stopped;
    closeSocket = open({
      onLive: () => {
        if (!current()) return;
        live = true;
        clearInterval(poll);
        poll = undefined;
        setMode('live');
      },
      onEvent: (event) => {
        if (event.kind === 'STARTED') {
          if (!current()) return;
          if (retiring.length > 0) retire();
          else if (connectedOnce) refetchAll();
          connectedOnce = true;
          return;
        }
        // Events of a socket being replaced still count until it closes.
        const keys = staleKeys(event);
        if (keys === 'all') refetchAll();
        else for (const queryKey of keys) void client.invalidateQueries({ queryKey });
      },
      onDown: () => {
        if (!current()) return;
        retire();
        live = false;
        closeSocket?.();
        closeSocket = null;
        setMode('polling');
        if (poll === undefined) poll = setInterval(refetchAll, POLL_MS);
        clearTimeout(retry);
        retry = setTimeout(connect, RETRY_MS);
      },
    });
  };
  connect();
  const unwatch = sessions((change) => {
    if (change !== 'signed-in' || stopped) return;
    clearTimeout(retry);
    if (live && closeSocket) retiring.push(closeSocket);
    else closeSocket?.();
    live = false;
    connect();
  });
  return () => {
    stopped = true;
    unwatch();
    clearInterval(poll);
    clearTimeout(retry);
    retire();
    closeSocket?.();
  };
}

/** The live state of the signed-in console (mounted once, in the shell). */
export function useLiveState(open: OpenSocket = openSocket): LiveMode {
  const client = useQueryClient();
  const [mode, setMode] = useState<LiveMode>('connecting');
  useEffect(() => runLive(client, setMode, open), [client, open]);
  return mode;
}
