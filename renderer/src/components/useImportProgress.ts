// A long import's progress (docs/performance.md § Large imports): the window names each import call with an id of its own,
// asks spreadsheets.progress for that id while the call runs, and shows what it hears only once the
// call has taken a moment — a small file's preview arrives with no bar flashing by.
import { useCallback, useEffect, useRef, useState } from 'react';
import { rpc, type OpResult } from '../rpc';

export type ImportPhase = NonNullable<OpResult<'spreadsheets.progress'>>;

/** What the bar shows; progress is null until the server has heard of the call. */
export interface ImportProgressShown {
  writes: boolean;
  progress: ImportPhase | null;
}

export interface ImportProgressTracker {
  shown: ImportProgressShown | null;
  /** Runs the import `call` with a fresh progressId, asking after it until it settles. */
  track<T>(writes: boolean, call: (progressId: string) => Promise<T>): Promise<T>;
}

const SHOW_AFTER_MS = 400;
const ASK_EVERY_MS = 300;

export function useImportProgress(): ImportProgressTracker {
  const [shown, setShown] = useState<ImportProgressShown | null>(null);
  // Only the latest call may draw: a call started over (a new file, a new mapping) replaces the bar.
  const latest = useRef(0);
  useEffect(
    () => () => {
      latest.current++;
    },
    [],
  );

  const track = useCallback(async <T,>(writes: boolean, call: (progressId: string) => Promise<T>): Promise<T> => {
    const progressId = crypto.randomUUID();
    const mine = ++latest.current;
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      try {
        const progress = await rpc('spreadsheets.progress', { progressId });
        if (!settled && mine === latest.current) setShown({ writes, progress });
      } catch {
        // A missed answer only leaves the bar as it was; the next question may be answered.
      }
      // One question at a time: a busy server is not asked again before it has answered.
      if (!settled) timer = setTimeout(() => void ask(), ASK_EVERY_MS);
    };
    timer = setTimeout(() => void ask(), SHOW_AFTER_MS);
    try {
      return await call(progressId);
    } finally {
      settled = true;
      clearTimeout(timer);
      if (mine === latest.current) setShown(null);
    }
  }, []);

  return { shown, track };
}
