// The renderer's one way to the data: the typed contract, through Electron's preload bridge when
// present, otherwise through the loopback HTTP server (which authenticates with its HttpOnly cookie).
import type { OpArgs, OpName, OpResult, RpcResponse } from '../../api/contract';

export type { OpArgs, OpName, OpResult };

interface Bridge {
  rpc(name: string, args: unknown): Promise<RpcResponse<unknown>>;
  /** Other desks' saves, forwarded by the desktop shell (electron/liveForward.ts); returns the unsubscribe. */
  onLive?(listener: (e: import('./useLiveUpdates').LiveEvent) => void): () => void;
}

declare global {
  interface Window {
    certdesk?: Bridge;
  }
}

/** An operation that failed, carrying the server's code and its officer-readable message. */
export class RpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

async function viaHttp(name: string, args: unknown): Promise<RpcResponse<unknown>> {
  let res: Response;
  try {
    res = await fetch(`/api/rpc/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args ?? {}),
    });
  } catch {
    return { ok: false, error: { code: 'OFFLINE', message: '连接不上 CertDesk 服务。请确认 certdesk serve 仍在运行，然后刷新页面。' } };
  }
  try {
    return (await res.json()) as RpcResponse<unknown>;
  } catch {
    return { ok: false, error: { code: 'BAD_RESPONSE', message: `服务返回了无法识别的内容（HTTP ${res.status}），请刷新页面重试。` } };
  }
}

/** Calls an operation; resolves with its data or rejects with an RpcError. */
export async function rpc<N extends OpName>(name: N, args: OpArgs<N>): Promise<OpResult<N>> {
  const response = window.certdesk ? await window.certdesk.rpc(name, args) : await viaHttp(name, args);
  if (!response.ok) {
    // Accounts exist and this window's login is missing or has expired: the shell shows its lock screen.
    if (response.error.code === 'LOGIN_REQUIRED') window.dispatchEvent(new CustomEvent('certdesk:login-required', { detail: response.error.message }));
    throw new RpcError(response.error.code, response.error.message, response.error.details);
  }
  return response.data as OpResult<N>;
}

/** Reads a chosen file as a FileArg for an upload. */
export function fileToArg(file: File): Promise<{ name: string; base64: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve({ name: file.name, base64: url.slice(url.indexOf(',') + 1) });
    };
    reader.onerror = () => reject(new RpcError('FILE_READ', `读不出文件「${file.name}」，请确认文件没有被其他程序占用。`));
    reader.readAsDataURL(file);
  });
}

/** Saves a downloaded {name, base64} through the browser's download. */
export function downloadFile(file: { name: string; base64: string }, mime = 'application/octet-stream'): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
