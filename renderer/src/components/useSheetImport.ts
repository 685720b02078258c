// The one flow every import window follows: pick a file → read it without writing (the preview) →
// map unrecognised columns by hand and read again → write on confirmation, with the same mapping.
import { useState } from 'react';
import { fileToArg } from '../rpc';
import { useAction } from '../useAction';
import { unmatchedColumns, type Mapping, type SheetColumn } from './ColumnMapping';

export type FileArg = { name: string; base64: string };

/** The sheet the officer picked (else the one whose header fits) and whether rows hidden in Excel are read. */
export interface SheetChoice {
  sheet?: string;
  includeHidden?: boolean;
}

export interface SheetImportFlow<R> {
  file: FileArg | null;
  /** The columns mapped by hand so far (sent with the import, and with 导出被拒绝的行). */
  mapping: Mapping;
  preview: R | null;
  done: R | null;
  /** The columns of a file refused for a missing column, to map before there is any preview. */
  unmatched: { columns: SheetColumn[]; missing: string[] } | null;
  busy: boolean;
  error: string | null;
  /** Upload's beforeUpload: reads the chosen file and previews it. */
  pick(f: File): Promise<false>;
  /** Reads the file again with the officer's hand mapping added. */
  remap(changes: Mapping): void;
  choice: SheetChoice;
  /** Reads the file again from another sheet, or with its hidden rows. */
  choose(changes: SheetChoice): void;
  confirm(): void;
  reset(): void;
}

export function useSheetImport<R>(read: (file: FileArg, dryRun: boolean, mapping: Mapping | undefined, choice: SheetChoice) => Promise<R>, onImported: () => void): SheetImportFlow<R> {
  const [file, setFile] = useState<FileArg | null>(null);
  const [preview, setPreview] = useState<R | null>(null);
  const [done, setDone] = useState<R | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [choice, setChoice] = useState<SheetChoice>({});
  const [unmatched, setUnmatched] = useState<SheetImportFlow<R>['unmatched']>(null);
  const { busy, error, setError, run: act } = useAction();

  const reset = () => {
    setFile(null);
    setPreview(null);
    setDone(null);
    setError(null);
    setMapping({});
    setChoice({});
    setUnmatched(null);
  };

  const run = (dryRun: boolean, f: FileArg | null, m: Mapping, c: SheetChoice = choice) =>
    act(async () => {
      if (!f) return;
      try {
        const report = await read(f, dryRun, Object.keys(m).length ? m : undefined, c);
        setUnmatched(null);
        if (dryRun) setPreview(report);
        else {
          setDone(report);
          onImported();
        }
      } catch (e) {
        const columns = unmatchedColumns(e);
        setUnmatched(columns);
        if (columns) setPreview(null);
        throw e;
      }
    });

  return {
    file,
    mapping,
    preview,
    done,
    unmatched,
    busy,
    error,
    reset,
    pick: async (f) => {
      reset();
      const arg = await fileToArg(f);
      setFile(arg);
      await run(true, arg, {}, {});
      return false;
    },
    remap: (changes) => {
      const next = { ...mapping, ...changes };
      setMapping(next);
      void run(true, file, next);
    },
    choice,
    choose: (changes) => {
      // Another sheet has its own columns: a hand mapping made for the last one does not carry over.
      const next = { ...choice, ...changes };
      const m = changes.sheet !== undefined && changes.sheet !== choice.sheet ? {} : mapping;
      setChoice(next);
      setMapping(m);
      void run(true, file, m, next);
    },
    confirm: () => void run(false, file, mapping),
  };
}
