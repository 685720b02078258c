// Loads an operation's data for a page and reloads it on demand.
import { useCallback, useEffect, useRef, useState } from 'react';
import { rpc, RpcError, type OpArgs, type OpName, type OpResult } from './rpc';

export interface Loaded<T> {
  data: T | undefined;
  error: RpcError | undefined;
  loading: boolean;
  reload(): void;
}

export function useRpc<N extends OpName>(name: N, args: OpArgs<N>, enabled = true): Loaded<OpResult<N>> {
  const key = JSON.stringify(args);
  const [state, setState] = useState<{ data?: OpResult<N>; error?: RpcError; loading: boolean }>({ loading: enabled });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    if (!enabled) return;
    const call = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    rpc(name, JSON.parse(key) as OpArgs<N>).then(
      (data) => call === latest.current && setState({ data, loading: false }),
      (error: unknown) =>
        call === latest.current &&
        setState({ error: error instanceof RpcError ? error : new RpcError('INTERNAL', String(error)), loading: false }),
    );
  }, [name, key, tick, enabled]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
