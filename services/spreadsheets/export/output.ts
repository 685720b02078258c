// Where an export goes: a file the officer chose (CLI, Electron's save dialog), or bytes handed
// back to a browser for download.
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors';
import type { Ctx } from '../../shared/context';
import { checkOutputPath } from '../../shared/outputPath';

export type ExportFile = { path: string } | { name: string; base64: string };

export interface OpenWorkbook {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  finish(): Promise<ExportFile>;
}

/** A file name without the characters Windows refuses. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').trim() || '导出';
}

/** The folder a file is to be saved in does not exist: every export says it alike. */
export function exportFolderMissing(dir: string): AppError {
  return new AppError('EXPORT_FOLDER_MISSING', `保存位置 ${dir} 不存在，请先建立该文件夹或另选位置。`);
}

/** Never the database, a backup or (from a page) any path at all; the folder must exist. */
function checkOut(ctx: Ctx, out: string): string {
  const file = checkOutputPath(ctx, out);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) throw exportFolderMissing(dir);
  return file;
}

function wrapWriteError(e: unknown, where: string): AppError {
  const code = (e as { code?: string }).code;
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
    return new AppError('EXPORT_FILE_LOCKED', `无法写入 ${where}：文件可能正在 Excel 中打开，或没有写入权限。请关闭该文件或另选位置后重试。`);
  }
  if (code === 'ENOSPC') return new AppError('DISK_FULL', `磁盘空间不足，${where} 没有写完。请清理磁盘后重试。`);
  return new AppError('EXPORT_FAILED', `导出 ${where} 失败：${(e as Error).message}`);
}

/**
 * A streaming workbook: rows go to the file as they are written, so 100,000 rows stay small in
 * memory. Strings are written inline rather than into a shared table, which would hold every
 * distinct name and ID number until the end (and the file comes out no larger).
 */
export function openWorkbook(ctx: Ctx, out: string | undefined, defaultName: string, creator: string): OpenWorkbook {
  const name = `${safeFileName(defaultName)}.xlsx`;
  let workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  let collect: Buffer[] | null = null;
  let file: string | null = null;
  if (out) {
    file = checkOut(ctx, out);
    // Written beside the target and renamed at the end: a failed export never leaves half a file.
    workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: `${file}.part`, useStyles: true, useSharedStrings: false });
  } else {
    const stream = new PassThrough();
    collect = [];
    const chunks = collect;
    stream.on('data', (c: Buffer) => chunks.push(c));
    workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  }
  workbook.creator = creator;
  workbook.created = new Date();
  return {
    workbook,
    async finish() {
      try {
        await workbook.commit();
        if (file) {
          fs.renameSync(`${file}.part`, file);
          return { path: file };
        }
      } catch (e) {
        if (file) fs.rmSync(`${file}.part`, { force: true });
        throw wrapWriteError(e, file ?? name);
      }
      return { name, base64: Buffer.concat(collect!).toString('base64') };
    },
  };
}
