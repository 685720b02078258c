// One way to run what a button does: busy while it runs, and the server's message (which says what
// to do) kept for the page to show when it fails.
import { useCallback, useState } from 'react';
import { RpcError } from './rpc';

export function errorText(e: unknown): string {
  return e instanceof RpcError || e instanceof Error ? e.message : String(e);
}

export interface Action {
  busy: boolean;
  error: string | null;
  setError(message: string | null): void;
  /** Runs `work`; resolves with its result, or undefined after keeping its error. */
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError(errorText(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
