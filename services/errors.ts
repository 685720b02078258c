// Errors are values with a code and a Chinese message an officer can act on.

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

export function toErrorBody(e: unknown): ErrorBody {
  if (e instanceof AppError) return e.details === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, details: e.details };
  const err = e as { code?: string; message?: string };
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_BUSY')) {
    return { code: 'DB_BUSY', message: '数据文件正忙：可能正在导入一份大表格，或被另一个程序占用。本次修改没有保存，请稍等片刻再试。' };
  }
  if (typeof err?.code === 'string' && err.code === 'SQLITE_FULL') {
    return { code: 'DISK_FULL', message: '磁盘空间已满，本次修改没有保存，之前的数据完好。请清理磁盘后重试。' };
  }
  return { code: 'INTERNAL', message: `程序内部错误：${err?.message ?? String(e)}。已保存的数据没有受影响，请把日志发给技术支持。` };
}
