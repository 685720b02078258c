// Other desks' saves, live: in a browser reached through `certdesk serve` the server streams each
// successful write (GET /events, docs/lan.md) and a page that shows the affected session reloads
// its queries within a second. The desktop window has no HTTP stream: its shell forwards the same
// events over IPC (window.certdesk.onLive, electron/liveForward.ts) when it hosts the LAN server.
import { useEffect, useRef } from 'react';
import { rpc } from './rpc';

// The event's shape is the server's own (type only: nothing of api/ is bundled into the page).
import type { LiveEvent } from '../../api/liveEvents';
export type { LiveEvent };

type Listener = (e: LiveEvent) => void;

const listeners = new Set<Listener>();
let source: EventSource | null = null;
let bridged: (() => void) | null = null;
/** This desk's own login: its own saves are already on its screen and need no reload. */
let me: string | null = null;

function deliver(e: LiveEvent): void {
  if (me !== null && e.by.toLowerCase() === me.toLowerCase()) return;
  for (const l of listeners) l(e);
}

function learnWhoIAm(): void {
  void rpc('operators.status', {}).then(
    (s) => (me = s.current?.login ?? null),
    () => undefined,
  );
}

function connect(): void {
  if (window.certdesk) {
    // An older shell without the bridge's onLive: nothing to listen to.
    if (bridged || !window.certdesk.onLive) return;
    learnWhoIAm();
    bridged = window.certdesk.onLive(deliver);
    return;
  }
  if (source || typeof EventSource === 'undefined') return;
  learnWhoIAm();
  const es = new EventSource('/events');
  source = es;
  es.onmessage = (m) => {
    let e: LiveEvent;
    try {
      e = JSON.parse(m.data as string) as LiveEvent;
    } catch {
      return;
    }
    deliver(e);
  };
  // Refused (logged out, server restarted): the browser gives up on a refused stream, so try
  // again a little later while a page still listens.
  es.onerror = () => {
    if (es.readyState !== EventSource.CLOSED) return;
    source = null;
    setTimeout(() => listeners.size > 0 && connect(), 5000);
  };
}

/**
 * Calls `refresh` when another desk saved something `matches` says this page shows. Several
 * events in a burst (thirty desks keying) make one refresh, at most every 300 ms.
 */
export function useLiveUpdates(matches: (e: LiveEvent) => boolean, refresh: () => void): void {
  const latest = useRef({ matches, refresh });
  latest.current = { matches, refresh };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const listener: Listener = (e) => {
      if (!latest.current.matches(e) || timer) return;
      timer = setTimeout(() => {
        timer = null;
        latest.current.refresh();
      }, 300);
    };
    listeners.add(listener);
    connect();
    return () => {
      listeners.delete(listener);
      if (timer) clearTimeout(timer);
    };
  }, []);
}
