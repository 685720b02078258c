// What one import may take of the worker thread before it is refused (services/shared/worker.ts
// Budget): its time, and through the thread's heap ceiling its memory.
import { AppError } from '../errors';
import type { Budget } from '../shared/worker';

/**
 * Reading, checking and writing a 100,000-row roster takes well under 10 s (bench/RESULTS.md); a
 * file that keeps the worker busy for minutes is not a roster. CERTDESK_IMPORT_SECONDS sets
 * another limit (tests set a small one).
 */
const IMPORT_SECONDS = 180;

/** What one import may take of the worker thread: its time and, through the thread's heap ceiling, its memory. */
export function importBudget(): Budget {
  const seconds = Number(process.env.CERTDESK_IMPORT_SECONDS) || IMPORT_SECONDS;
  return {
    ms: seconds * 1000,
    overTime: () =>
      new AppError(
        'IMPORT_TOO_SLOW',
        `这份表格读了 ${seconds} 秒仍未读完，已停止，什么都没有导入。文件可能异常（例如有成千上万个工作表、合并单元格或损坏的内容）。请用 Excel 或 WPS 打开它，只保留花名册或成绩单所在的工作表，另存为新的 .xlsx 后再导入。`,
      ),
    overMemory: () =>
      new AppError(
        'IMPORT_TOO_LARGE',
        '读取这份表格需要的内存超过了上限，已停止，什么都没有导入。请确认选对了文件；数据确实很多时，请拆成几个文件分别导入，或用 Excel 或 WPS 打开后只保留需要的工作表，另存为新的 .xlsx 再导入。',
      ),
  };
}
