// Live updates: after each successful write the dispatcher tells every open event stream (GET
// /events on the HTTP server) which operation ran on which session, enrolment or candidate, so
// other desks refresh what they show within a second (docs/lan.md). Only names and ids travel:
// each window then asks for the data through its own login, as it would on a refresh.

export interface LiveEvent {
  /** The operation that saved something (results.set, sessions.finalize, enrolments.add …). */
  op: string;
  /** The operator who saved it. */
  by: string;
  sessionId?: number;
  enrolmentId?: number;
  candidateId?: number;
  /** A competition's marks, entrants or ranking (competitions.*). */
  competitionId?: number;
  /** A training class's lessons, trainees, attendance or 结业 (training.*). */
  classId?: number;
  /** When it was saved (ms since the epoch), so a listener can tell how late it arrived. */
  at: number;
}

type Listener = (e: LiveEvent) => void;

const ID_KEYS = ['sessionId', 'enrolmentId', 'candidateId', 'competitionId', 'classId'] as const;

function idsOf(...sources: unknown[]): Partial<Pick<LiveEvent, (typeof ID_KEYS)[number]>> {
  const ids: Partial<Record<(typeof ID_KEYS)[number], number>> = {};
  for (const source of sources) {
    if (!source || typeof source !== 'object') continue;
    for (const key of ID_KEYS) {
      const v = (source as Record<string, unknown>)[key];
      if (ids[key] === undefined && typeof v === 'number' && Number.isInteger(v)) ids[key] = v;
    }
  }
  return ids;
}

function createLiveEvents() {
  const listeners = new Set<Listener>();
  return {
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    /** A write succeeded: the ids come from its arguments first, then from what it returned (e.g. a new session's). */
    announce(op: string, by: string, args: unknown, result: unknown): void {
      if (listeners.size === 0) return;
      // The sessions area names its session `id`, in its arguments or (a new one) in its result.
      const idOf = (x: unknown) => (x && typeof x === 'object' ? { sessionId: (x as { id?: unknown }).id } : undefined);
      const sessionIds = op.startsWith('sessions.') ? [idOf(args), idOf(result)] : [];
      const event: LiveEvent = { op, by, ...idsOf(args, ...sessionIds, result, (result as { candidate?: unknown } | null)?.candidate), at: Date.now() };
      for (const l of listeners) {
        try {
          l(event);
        } catch {
          // One broken stream must not stop the others, nor the write that already succeeded.
        }
      }
    },
    listenerCount: () => listeners.size,
  };
}

export const liveEvents = createLiveEvents();

/**
 * How long an event stream gathers events before one write carries them all. Thirty desks saving
 * at once would otherwise cost thirty encrypted writes per save (one per stream) on the server,
 * and as many decryptions on the desks; gathered, a burst of saves goes out in one record per
 * stream, and delivery stays far within the second a colleague waits for (docs/lan.md).
 */
export const LIVE_BATCH_MS = 25;

const records = new WeakMap<LiveEvent, string>();

/** An event as one server-sent-events record, serialized once however many streams carry it. */
export function eventRecord(e: LiveEvent): string {
  let text = records.get(e);
  if (text === undefined) records.set(e, (text = `data: ${JSON.stringify(e)}\n\n`));
  return text;
}

/**
 * One event stream's writer: records pushed within `windowMs` of the first waiting one go out in a
 * single write, in the order they were pushed. close() drops what is still waiting (the stream is gone).
 */
export function batchedWriter(write: (text: string) => void, windowMs = LIVE_BATCH_MS): { push(record: string): void; close(): void } {
  let queued: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const text = queued.join('');
    queued = [];
    write(text);
  };
  return {
    push(record) {
      queued.push(record);
      timer ??= setTimeout(flush, windowMs);
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      queued = [];
    },
  };
}
