// The keyboard engine every grid of the window shares (成绩录入, a competition's judges' sheet, a
// class's attendance): one active cell a typist moves with Enter, Tab / Shift+Tab, the arrows,
// Home / End, PageUp / PageDown and Ctrl+Home / Ctrl+End; the text being typed in that cell; each
// cell's saving or refused state (a refusal keeps the server's reason for the cell's title); and
// the keyboard kept on the grid when an editor closes. What a key means inside a cell (a score, 缺考,
// 出勤) stays with each grid; moving and remembering where the typist is lives here once.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface Pos {
  row: number;
  col: number;
}

export type CellState = { state: 'saving' } | { state: 'refused'; message: string };

export interface KeyGridOptions {
  rows: number;
  cols: number;
  /** Height of a row in pixels, to keep the active row in view of `body` as the typist moves. */
  rowHeight: number;
  /** Rows PageUp / PageDown move by. */
  pageRows?: number;
  /** Cells Enter and Tab pass over (nothing to key there); the arrows still reach them. */
  passOver?: (row: number, col: number) => boolean;
  /** Take the keyboard when the grid appears (a page whose main work is the grid). */
  autoFocus?: boolean;
}

export function useKeyGrid({ rows, cols, rowHeight, pageRows = 10, passOver, autoFocus = true }: KeyGridOptions) {
  const [active, setActive] = useState<Pos>({ row: 0, col: 0 });
  const [editing, setEditing] = useState<string | null>(null);
  const [cells, setCells] = useState<Map<string, CellState>>(() => new Map());
  const root = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const latestWrite = useRef(new Map<string, number>());
  const writeSeq = useRef(0);

  useEffect(() => {
    if (autoFocus) root.current?.focus();
  }, [autoFocus]);
  // When a cell's editor closes, the keyboard stays with the grid.
  useEffect(() => {
    if (editing === null && (document.activeElement === document.body || root.current?.contains(document.activeElement))) root.current?.focus();
  }, [editing]);
  // A refresh that shortened the grid (a trainee removed at another desk) keeps the cursor on it.
  useEffect(() => {
    setActive((p) => (p.row < rows && p.col < cols ? p : { row: Math.max(0, Math.min(rows - 1, p.row)), col: Math.max(0, Math.min(cols - 1, p.col)) }));
  }, [rows, cols]);

  // Keep the active cell in view as the typist moves.
  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return;
    const top = active.row * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
  }, [active.row, rowHeight]);

  const setCell = useCallback((key: string, state: CellState | null) => {
    setCells((m) => {
      if (!state && !m.has(key)) return m;
      const next = new Map(m);
      if (state) next.set(key, state);
      else next.delete(key);
      return next;
    });
  }, []);

  /** A save of `key` starts: the number that tells, when its answer comes, whether a later save overtook it. */
  const beginWrite = useCallback((key: string) => {
    const seq = ++writeSeq.current;
    latestWrite.current.set(key, seq);
    return seq;
  }, []);
  const isLatest = useCallback((key: string, seq: number) => latestWrite.current.get(key) === seq, []);

  /** One step of Enter or Tab (or an arrow); Tab past the last column goes on at the next row's first. */
  const move = useCallback(
    (dRow: number, dCol: number, passing = false) => {
      setActive((p) => {
        const step = (from: Pos): Pos => {
          let row = from.row + dRow;
          let col = from.col + dCol;
          if (col >= cols) (col = 0), (row += 1);
          if (col < 0) (col = cols - 1), (row -= 1);
          return { row: Math.max(0, Math.min(rows - 1, row)), col: Math.max(0, Math.min(cols - 1, col)) };
        };
        let next = step(p);
        if (passing && passOver) {
          for (let guard = rows * cols; guard > 0 && passOver(next.row, next.col); guard--) {
            const further = step(next);
            if (further.row === next.row && further.col === next.col) break;
            next = further;
          }
        }
        return next;
      });
    },
    [cols, rows, passOver],
  );

  /**
   * The keys that move the active cell when no cell is being edited. True when `e` was one of them
   * (and is handled); a grid looks at its own keys before or after.
   */
  const navigate = useCallback(
    (e: KeyboardEvent<HTMLElement>): boolean => {
      if (rows === 0 || cols === 0 || e.nativeEvent.isComposing || e.altKey) return false;
      const go = (f: () => void) => (e.preventDefault(), f(), true);
      if (e.ctrlKey || e.metaKey) {
        if (e.key === 'Home') return go(() => setActive({ row: 0, col: 0 }));
        if (e.key === 'End') return go(() => setActive({ row: rows - 1, col: cols - 1 }));
        return false;
      }
      switch (e.key) {
        case 'Enter':
          return go(() => move(e.shiftKey ? -1 : 1, 0, true));
        case 'Tab':
          return go(() => move(0, e.shiftKey ? -1 : 1, true));
        case 'ArrowDown':
          return go(() => move(1, 0));
        case 'ArrowUp':
          return go(() => move(-1, 0));
        case 'ArrowRight':
          return go(() => move(0, 1));
        case 'ArrowLeft':
          return go(() => move(0, -1));
        case 'Home':
          return go(() => setActive((p) => ({ ...p, col: 0 })));
        case 'End':
          return go(() => setActive((p) => ({ ...p, col: cols - 1 })));
        case 'PageDown':
          return go(() => move(Math.max(1, pageRows), 0));
        case 'PageUp':
          return go(() => move(-Math.max(1, pageRows), 0));
      }
      return false;
    },
    [rows, cols, pageRows, move],
  );

  /** A cell picked with the mouse: it becomes the active one and the keyboard stays on the grid. */
  const pick = useCallback((row: number, col: number) => {
    setEditing(null);
    setActive({ row, col });
    root.current?.focus();
  }, []);

  /** The editor of the active cell (after a refusal its text is selected so the next key replaces it). */
  const editor = useCallback(() => root.current?.querySelector<HTMLInputElement>('[data-testid="cell-editor"]') ?? null, []);

  return { active, setActive, editing, setEditing, cells, setCell, beginWrite, isLatest, move, navigate, pick, editor, root, body };
}

export type KeyGrid = ReturnType<typeof useKeyGrid>;
