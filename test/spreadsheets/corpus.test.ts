// Every sheet of every .xlsx in ../shared/corpus/xlsx (1,999 files from the test suites of Apache
// POI, ClosedXML, SheetJS, exceljs, Open XML SDK and XlsxWriter), read cell by cell by CertDesk's
// reader and by SheetJS (@e965/xlsx). Where they differ, the difference must be one listed below
// with why CertDesk is right (docs/spreadsheets.md § The corpus); anything else fails the test.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT } from '../helpers';
import type { Compared, Difference } from './corpusCompare';

/**
 * Beside the repository, as on the machines where the corpus is kept (for a git worktree, beside its
 * main checkout); CORPUS_XLSX says where else. CI's clone has no corpus beside it: the test skips.
 */
function corpusDir(): string {
  if (process.env.CORPUS_XLSX) return process.env.CORPUS_XLSX;
  const beside = path.resolve(ROOT, '../shared/corpus/xlsx');
  if (fs.existsSync(beside)) return beside;
  // A worktree's .git is a file naming <main checkout>/.git/worktrees/<name>.
  const dotGit = path.join(ROOT, '.git');
  const gitdir = fs.existsSync(dotGit) && fs.statSync(dotGit).isFile() ? /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'))?.[1] : undefined;
  return gitdir ? path.resolve(gitdir, '../../..', '../shared/corpus/xlsx') : beside;
}

const CORPUS = corpusDir();
const present = fs.existsSync(CORPUS);
if (!present) {
  console.warn(`\n*** corpus.test.ts SKIPPED: no corpus at ${CORPUS} (set CORPUS_XLSX to where ../shared/corpus/xlsx is kept) ***\n`);
}

interface Intended {
  family: string;
  /** Why CertDesk's reading is the right one. */
  why: string;
  /** The files it is expected in (their path under the corpus), or any file. */
  files?: RegExp;
  /** Each difference of the file, or the file's refusal, that this family explains. */
  difference?: (d: Difference) => boolean;
  refusal?: (refused: string, theirsFailed: string | undefined) => boolean;
}

const isFormulaWithoutResult = (v: unknown) => typeof v === 'object' && v !== null && 'formulaWithoutResult' in v;

export const INTENDED: Intended[] = [
  {
    family: 'formula without a saved result',
    why: 'the file holds the formula only; SheetJS shows an empty cell, CertDesk refuses the row and says to open and save the file in Excel/WPS or type the value',
    difference: (d) => isFormulaWithoutResult(d.ours) && d.theirs === null,
  },
  {
    family: 'not a workbook, damaged or encrypted, refused by both',
    why: 'SheetJS fails on it too; CertDesk names what it found (encrypted, truncated, damaged, not a zip)',
    refusal: (_refused, theirsFailed) => theirsFailed !== undefined,
  },
  {
    family: 'bytes that are no zip at all',
    why: 'an encrypted stream renamed .xlsm and an Excel owner lock file (~$…): SheetJS reads their bytes as text and finds no cells; CertDesk refuses them as not a workbook',
    files: /(CVE-2016-0122-1\.xlsm|~\$LoadPivotTables\.xlsx)$/,
    refusal: (refused) => refused === 'FILE_NOT_XLSX',
  },
  {
    family: 'a part whose bytes do not match their CRC-32',
    why: 'fuzzed files whose inflated bytes differ from what the zip recorded: what SheetJS reads from them may be wrong text, so CertDesk refuses them as damaged',
    files: /POIXSSFFuzzer-(5265527465181184|5937385319563264)\.xlsx$/,
    refusal: (refused) => refused === 'FILE_DAMAGED',
  },
  {
    family: 'a cell at row 0',
    why: 'a proof-of-concept file whose cell references lie outside any sheet (row 0): CertDesk refuses it as damaged instead of guessing where its cells belong',
    files: /poc-shared-strings\.xlsx$/,
    refusal: (refused) => refused === 'FILE_DAMAGED',
  },
  {
    family: 'astral characters written as entities',
    why: '&#x1f61c; is one character (😜); SheetJS keeps only its low 16 bits (U+F61C, a private-use character)',
    files: /InlineString\.xlsx$/,
    // SheetJS keeps only the low 16 bits of the code point: U+1F61C becomes U+F61C.
    difference: (d) => typeof d.ours === 'string' && /[\u{10000}-\u{10FFFF}]/u.test(d.ours) && d.ours.replace(/[\u{10000}-\u{10FFFF}]/gu, (c) => String.fromCharCode(c.codePointAt(0)! & 0xffff)) === d.theirs,
  },
  {
    family: 'sheets without a relationship (r:id="")',
    why: 'macro sheets listed with an empty r:id: SheetJS then pairs sheet names with parts by position and shows one sheet’s cells under another’s name; CertDesk follows each sheet’s r:id',
    files: /tdf111974\.xlsm$/,
    difference: () => true,
  },
  {
    family: 'markup compatibility (mc:Ignorable with ProcessContent)',
    why: 'an ignorable element marked ProcessContent is skipped but its content is read (ECMA-376 Part 3); SheetJS drops the whole shared string',
    files: /MCExecl\.xlsx$/,
    difference: (d) => d.ours === 'dddabc' && d.theirs === null,
  },
  {
    family: '_X0000_ with a capital X',
    why: 'only _xHHHH_ (lower-case x) is an escape (ECMA-376 §22.9.2.19); Excel wrote this text as typed, and SheetJS turns it into a NUL character',
    files: /xlsxwriter_test_comparison_xlsx_files_(optimize07|shared_strings02)\.xlsx$/,
    difference: (d) => d.ours === '_X0000_' && d.theirs === '\u0000',
  },
  {
    family: 't="d" date-times',
    why: 'a date cell is an officer’s calendar day (a birth date, a certificate date): CertDesk keeps the day written and drops the time, SheetJS keeps the time as a fraction',
    files: /xlsx-stream-d-date-cell\.xlsx$/,
    difference: (d) => typeof d.ours === 'number' && typeof d.theirs === 'number' && d.ours === Math.floor(d.theirs),
  },
];

/** Files listed by path, each compared in one of two child processes (SheetJS holds a workbook whole). */
async function compareAll(files: string[]): Promise<Record<string, Compared>> {
  const halves = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)];
  const results = await Promise.all(
    halves.map(
      (list) =>
        new Promise<Record<string, Compared>>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/spreadsheets/corpusWorker.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
          const out: Buffer[] = [];
          child.stdout.on('data', (c: Buffer) => out.push(c));
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve(JSON.parse(Buffer.concat(out).toString('utf8'))) : reject(new Error(`corpus worker exited with ${code}`))));
          child.stdin.end(list.join('\n'));
        }),
    ),
  );
  return Object.assign({}, ...results);
}

describe.skipIf(!present)('the .xlsx corpus, cell by cell beside SheetJS', () => {
  it('reads every sheet of every file as SheetJS does, but for the differences listed and explained', async () => {
    const files = fs
      .readdirSync(CORPUS)
      .sort()
      .flatMap((dir) => fs.readdirSync(path.join(CORPUS, dir)).sort().map((f) => path.join(CORPUS, dir, f)));
    expect(files.length).toBeGreaterThan(1900);
    const compared = await compareAll(files);
    const unexplained: string[] = [];
    const used = new Set<string>();
    let cells = 0;
    let sheets = 0;
    for (const file of files) {
      const r = compared[file]!;
      const rel = path.relative(CORPUS, file);
      cells += r.cells;
      sheets += r.sheets;
      const applies = INTENDED.filter((i) => !i.files || i.files.test(rel));
      if (r.refused) {
        const by = applies.find((i) => i.refusal?.(r.refused!, r.theirsFailed));
        if (by) used.add(by.family);
        else unexplained.push(`${rel}: CertDesk refused it (${r.refused}), SheetJS read it`);
        continue;
      }
      for (const d of r.differences) {
        const by = applies.find((i) => i.difference?.(d));
        if (by) used.add(by.family);
        else unexplained.push(`${rel} ${d.sheet}!${d.cell}: CertDesk ${JSON.stringify(d.ours)}, SheetJS ${JSON.stringify(d.theirs)}`);
      }
    }
    expect(unexplained.slice(0, 30)).toEqual([]);
    // Every listed difference is still met: a family that no longer occurs is taken off the list.
    expect(INTENDED.map((i) => i.family).filter((f) => !used.has(f))).toEqual([]);
    console.log(`corpus: ${files.length} files, ${sheets} sheets, ${cells} cells`);
    expect(sheets).toBeGreaterThan(3300);
    expect(cells).toBeGreaterThan(1_100_000);
  }, 600_000);
});
