// 成绩录入: a spreadsheet-like grid a typist never leaves the keyboard in. Enter goes down, Tab goes
// right, Q marks 缺考, W marks 违纪 (with a short note), Delete clears; a refused entry stays in its
// cell with the reason, selected, so the next digits replace it. Every accepted cell is saved at
// once through results.set; Ctrl+Z puts back the last one (as a new change, audited like any).
// A part a 补考 carried from an earlier pass (保留) is passed over by Enter and Tab, asked about
// before it is typed over, and can be put back. Rows are virtualised (2,000 stay smooth).
// Moving, the active cell and each cell's saving / refused state are the shared engine's (useKeyGrid.ts).
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Button, Modal } from 'antd';
import { useI18n, type Translate } from '../i18n';
import { rpc, RpcError, type OpResult } from '../rpc';
import { errorText } from '../useAction';
import { OutcomeTag, formatRate } from '../labels';
import { commitText, mark, scoreText, startsScore, undoWrite, type CellWrite, type Commit, type PartView } from './cells';
import { ScoreHistory, type HistoryTarget } from './ScoreHistory';
import { useKeyGrid, type CellState, type Pos } from './useKeyGrid';

type Results = OpResult<'results.get'>;
type Row = Results['candidates'][number];
type Summary = Results['summary'];
export interface GridPart {
  part: string;
  label: string;
  passMark: number;
}

const ROW_HEIGHT = 34;
const OVERSCAN = 8;
const FIXED_COLUMNS = '56px 128px 88px 176px minmax(120px, 1fr)';

/** A saved change of this grid session, for Ctrl+Z: the cell and what it held before. */
interface Change {
  enrolmentId: number;
  part: string;
  before: PartView | null;
}

/** Kept with the audit entry of a change Ctrl+Z puts back. */
const UNDO_REASON = '撤销（Ctrl+Z）';

export function ScoreGrid({
  sessionId,
  parts,
  initial,
  locked,
  height,
  onSummary,
}: {
  sessionId: number;
  parts: GridPart[];
  initial: Results;
  locked: boolean;
  height: number;
  onSummary: (s: Summary) => void;
}) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[]>(initial.candidates);
  const [notice, setNoticeText] = useState<string | null>(null);
  /** A refusal is shown in red; what Ctrl+Z did is only told. */
  const [noticeTone, setNoticeTone] = useState<'refusal' | 'info'>('refusal');
  const setNotice = useCallback((text: string | null) => {
    setNoticeText(text);
    setNoticeTone('refusal');
  }, []);
  const inform = (text: string) => {
    setNoticeText(text);
    setNoticeTone('info');
  };
  const [scrollTop, setScrollTop] = useState(0);
  const [history, setHistory] = useState<HistoryTarget | null>(null);
  const [locate, setLocate] = useState('');
  const [notePrompt, setNotePrompt] = useState<Pos | null>(null);
  const [note, setNote] = useState('');
  const [modal, modalHolder] = Modal.useModal();
  const locateBox = useRef<HTMLInputElement>(null);
  const noteBox = useRef<HTMLInputElement>(null);
  const undoStack = useRef<Change[]>([]);
  /** After a refusal the editor's text is selected: the next key typed replaces it. */
  const replaceNext = useRef(false);
  const summarySeq = useRef(0);

  useEffect(() => setRows(initial.candidates), [initial]);
  const isCarried = useCallback((row: number, col: number) => rows[row]?.parts.find((p) => p.part === parts[col]?.part)?.status === 'carried', [rows, parts]);
  // Enter and Tab pass over a part kept from an earlier pass (保留): there is nothing to key there,
  // and a stray keystroke must not land on it.
  const grid = useKeyGrid({ rows: rows.length, cols: parts.length, rowHeight: ROW_HEIGHT, pageRows: Math.floor(height / ROW_HEIGHT) - 1, passOver: isCarried });
  const { active, setActive, editing, setEditing, cells, setCell, move, root, body } = grid;

  const columns = `${FIXED_COLUMNS} ${parts.map(() => '100px').join(' ')} 88px`;
  const keyOf = (row: Row, col: number) => `${row.enrolmentId}:${parts[col]!.part}`;

  const save = useCallback(
    (rowIndex: number, col: number, commit: Commit & { ok: true }, undo?: { reason: string }) => {
      const row = rows[rowIndex]!;
      const part = parts[col]!.part;
      const key = `${row.enrolmentId}:${part}`;
      const seq = grid.beginWrite(key);
      const started = performance.now();
      const before = (row.parts.find((p) => p.part === part) as PartView | undefined) ?? null;
      // Shown at once (a carried part put back shows once the server answers); the server's answer
      // (outcome, running pass rate) replaces it.
      if (commit.view) setRows((rs) => rs.map((r, i) => (i === rowIndex ? { ...r, parts: withPart(r.parts, part, commit.view) } : r)));
      else if ('clear' in commit.write) setRows((rs) => rs.map((r, i) => (i === rowIndex ? { ...r, parts: withPart(r.parts, part, null) } : r)));
      setCell(key, { state: 'saving' });
      // The cell as this desk shows it: if another desk saved it meanwhile, the server refuses
      // rather than overwrite, and the grid shows theirs (docs/lan.md).
      const replaced = before ? { status: before.status, score: before.score } : { status: null, score: null };
      rpc('results.set', { sessionId, enrolmentId: row.enrolmentId, part, ...commit.write, replaced, ...(undo ? { reason: undo.reason } : {}) }).then(
        (res) => {
          // What Ctrl+Z puts back; undoing is itself not undone by the next Ctrl+Z, which goes further back.
          if (!undo) undoStack.current.push({ enrolmentId: row.enrolmentId, part, before });
          if (!grid.isLatest(key, seq)) return;
          setRows((rs) => rs.map((r) => (r.enrolmentId === row.enrolmentId ? res.candidate : r)));
          // A saved cell needs no state of its own (it shows its value), so memoised rows stay untouched.
          setCell(key, null);
          if (seq > summarySeq.current) {
            summarySeq.current = seq;
            onSummary(res.summary);
          }
          performance.measure('certdesk:cell-saved', { start: started, end: performance.now() });
        },
        (e: unknown) => {
          if (!grid.isLatest(key, seq)) return;
          const message = errorText(e);
          if (e instanceof RpcError && e.code === 'RESULT_CHANGED_MEANWHILE') {
            // Show what the other desk saved, so the typist compares before keying again.
            const current = (e.details as { current?: { status: PartView['status'] | null; score: number | null } } | undefined)?.current;
            if (current) {
              const view: PartView | null = current.status === null ? null : { part, score: current.score, status: current.status, carried: current.status === 'carried', carriedFrom: before?.carriedFrom ?? null };
              setRows((rs) => rs.map((r) => (r.enrolmentId === row.enrolmentId ? { ...r, parts: withPart(r.parts, part, view) } : r)));
            }
          }
          setCell(key, { state: 'refused', message });
          setNotice(t('grid.notSaved', { row: rowIndex + 1, name: row.name, part: parts[col]!.label, message }));
        },
      );
    },
    [rows, parts, sessionId, setCell, onSummary, t, grid.beginWrite, grid.isLatest, setRows],
  );

  const refuse = (message: string) => {
    const row = rows[active.row]!;
    setCell(keyOf(row, active.col), { state: 'refused', message });
    setNotice(t('grid.refused', { row: active.row + 1, name: row.name, part: parts[active.col]!.label, message }));
    // The refused text stays, selected, so the next digits typed replace it.
    replaceNext.current = true;
    requestAnimationFrame(() => {
      const editor = grid.editor();
      editor?.focus();
      editor?.select();
    });
  };

  const apply = (commit: Commit, dRow: number, dCol: number) => {
    if (!commit.ok) return refuse(commit.message);
    replaceNext.current = false;
    setEditing(null);
    setNotice(null);
    save(active.row, active.col, commit);
    move(dRow, dCol, true);
  };

  /** A change to a part kept from an earlier pass is asked about first; anything else goes ahead. */
  const guardCarried = (action: () => void) => {
    if (!isCarried(active.row, active.col)) return action();
    const view = rows[active.row]!.parts.find((p) => p.part === parts[active.col]!.part);
    void modal.confirm({
      title: t('grid.carriedConfirm'),
      content: t('grid.carriedFrom', { score: view?.score === null || view?.score === undefined ? '' : scoreText(view.score), session: view?.carriedFrom?.name ?? '' }),
      okText: t('grid.carriedChange'),
      cancelText: t('common.cancel'),
      autoFocusButton: 'cancel',
      onOk: action,
      // Back to the cell's editor when the answer was to change it, else to the grid.
      afterClose: () => (grid.editor() ?? root.current)?.focus(),
    });
  };

  /** Ctrl+Z: the last saved change of this grid session put back, as a new change with its reason. */
  const undo = () => {
    const change = undoStack.current.pop();
    if (!change) return inform(t('grid.nothingToUndo'));
    const rowIndex = rows.findIndex((r) => r.enrolmentId === change.enrolmentId);
    const col = parts.findIndex((p) => p.part === change.part);
    if (rowIndex < 0 || col < 0) return;
    const write: CellWrite = undoWrite(change.before);
    const view = change.before && change.before.status !== 'carried' ? change.before : null;
    setEditing(null);
    setActive({ row: rowIndex, col });
    save(rowIndex, col, { ok: true, write, view }, { reason: UNDO_REASON });
    inform(t('grid.undone', { row: rowIndex + 1, name: rows[rowIndex]!.name, part: parts[col]!.label }));
  };

  /** 恢复保留成绩: the part this 补考 carried, put back after it was typed over or cleared. */
  const restoreCarried = () => {
    const row = rows[active.row];
    if (!row) return;
    save(active.row, active.col, { ok: true, write: { restoreCarried: true }, view: null });
    setNotice(null);
    root.current?.focus();
  };

  /** W: 违纪 takes a short note before it is saved (Enter saves, with or without one; Esc cancels). */
  const askNote = () => {
    setEditing(null);
    setNote('');
    setNotePrompt(active);
    requestAnimationFrame(() => noteBox.current?.focus());
  };

  const saveMisconduct = () => {
    if (!notePrompt) return;
    const part = parts[notePrompt.col]!.part;
    const trimmed = note.trim();
    const commit = mark(part, 'misconduct', trimmed || undefined);
    setNotePrompt(null);
    setNotice(null);
    save(notePrompt.row, notePrompt.col, commit);
    move(1, 0, true);
    root.current?.focus();
  };

  // Ctrl+F: find a candidate among thousands by admission number, name or ID number.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        locateBox.current?.focus();
        locateBox.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const jump = () => {
    const q = locate.trim().toUpperCase();
    if (!q) return;
    const from = active.row + 1;
    // Pinyin initials (zw → 张伟) as the candidate search finds them, from the start of the name.
    const initials = /^[a-z]+$/i.test(q) ? q.toLowerCase() : null;
    const match = (r: Row) =>
      r.admissionNumber.includes(q) || r.idNumber.includes(q) || r.name.includes(locate.trim()) || (initials !== null && r.initials.startsWith(initials));
    const index = [...rows.slice(from), ...rows.slice(0, from)].findIndex(match);
    if (index < 0) return setNotice(t('grid.notFound', { q: locate.trim() }));
    setNotice(null);
    setEditing(null);
    setActive({ row: (from + index) % rows.length, col: 0 });
    root.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (notePrompt) {
      // Keys typed right after W, before the note box has the focus, belong to the note: the box
      // takes the focus now (the character follows it), and Enter saves as it would there.
      if (e.target === noteBox.current) return;
      noteBox.current?.focus();
      if (e.key === 'Enter' && !e.nativeEvent.isComposing) (e.preventDefault(), saveMisconduct());
      return;
    }
    if (rows.length === 0 || e.nativeEvent.isComposing) return;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && editing === null) {
      if (e.key.toLowerCase() === 'z' && !e.shiftKey) {
        e.preventDefault();
        return locked ? setNotice(t('grid.locked')) : undo();
      }
    }
    if (editing === null && grid.navigate(e)) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const part = parts[active.col]!.part;
    const key = e.key;
    if (editing === null && (key === 'h' || key === 'H')) {
      e.preventDefault();
      const row = rows[active.row]!;
      setHistory({ enrolmentId: row.enrolmentId, part, name: row.name, partLabel: parts[active.col]!.label });
      return;
    }
    if (locked && (startsScore(key) || ['Delete', 'Backspace', 'q', 'Q', 'w', 'W', 'F2'].includes(key))) {
      e.preventDefault();
      setNotice(t('grid.locked'));
      return;
    }
    if (editing !== null) {
      if (key === 'Enter') (e.preventDefault(), apply(commitText(part, editing), 1, 0));
      else if (key === 'Tab') (e.preventDefault(), apply(commitText(part, editing), 0, e.shiftKey ? -1 : 1));
      else if (key === 'Escape') {
        e.preventDefault();
        setEditing(null);
        setCell(keyOf(rows[active.row]!, active.col), null);
        setNotice(null);
      } else if ((key === 'q' || key === 'Q') && editing === '') (e.preventDefault(), apply(mark(part, 'absent'), 1, 0));
      else if ((key === 'w' || key === 'W') && editing === '') (e.preventDefault(), askNote());
      else if (key.length === 1 && e.target === root.current) {
        // A fast typist's next key can arrive before the cell's editor has focus; after a refusal it replaces the refused text.
        e.preventDefault();
        setEditing(replaceNext.current ? key : editing + key);
        replaceNext.current = false;
      }
      return;
    }
    if (startsScore(key)) {
      e.preventDefault();
      guardCarried(() => setEditing(key));
      return;
    }
    switch (key) {
      case 'q':
      case 'Q':
        e.preventDefault();
        return guardCarried(() => apply(mark(part, 'absent'), 1, 0));
      case 'w':
      case 'W':
        e.preventDefault();
        return guardCarried(askNote);
      case 'Delete':
      case 'Backspace':
        e.preventDefault();
        return guardCarried(() => apply(commitText(part, ''), 0, 0));
      case 'F2': {
        e.preventDefault();
        const current = rows[active.row]!.parts.find((p) => p.part === part);
        guardCarried(() => setEditing((current?.status === 'scored' || current?.status === 'carried') && current.score !== null ? scoreText(current.score) : ''));
        return;
      }
    }
  };

  /** A value pasted on a cell (８５。５ from a chat window) opens its editor with it, as if typed. */
  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (editing !== null || notePrompt || locked || rows.length === 0 || e.target !== root.current) return;
    const text = e.clipboardData.getData('text').trim();
    if (!text) return;
    e.preventDefault();
    guardCarried(() => setEditing(text));
  };

  const activeView = rows[active.row]?.parts.find((p) => p.part === parts[active.col]?.part);
  const canRestore = !locked && rows[active.row]?.attempt === 'retake' && activeView?.status !== 'carried';

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = useMemo(() => rows.slice(first, last), [rows, first, last]);

  return (
    <>
    <div className="grid-locate">
      <input
        ref={locateBox}
        value={locate}
        placeholder={t('grid.locate')}
        onChange={(e) => setLocate(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') (e.preventDefault(), jump());
          else if (e.key === 'Escape') (e.preventDefault(), root.current?.focus());
        }}
        data-testid="grid-locate"
      />
    </div>
    {modalHolder}
    <div className="grid" ref={root} tabIndex={0} onKeyDown={onKeyDown} onPaste={onPaste} data-testid="score-grid" aria-label={t('grid.aria')}>
      <div className="grid-head" style={{ gridTemplateColumns: columns }}>
        <div className="num">{t('admission.seq')}</div>
        <div>{t('results.admission')}</div>
        <div>{t('candidate.name')}</div>
        <div>{t('candidate.idNumber')}</div>
        <div>{t('candidate.employer')}</div>
        {parts.map((p) => (
          <div key={p.part} className="num" title={t('grid.passMark', { mark: p.passMark })}>
            {p.label}
          </div>
        ))}
        <div>{t('results.outcome')}</div>
      </div>
      <div className="grid-body" ref={body} style={{ height }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {visible.map((row, i) => {
            const index = first + i;
            const isActive = index === active.row;
            return (
              <GridRow
                key={row.enrolmentId}
                t={t}
                row={row}
                index={index}
                parts={parts}
                columns={columns}
                activeCol={isActive ? active.col : -1}
                editing={isActive ? editing : null}
                onEdit={(v) => {
                  replaceNext.current = false;
                  setEditing(v);
                }}
                states={cellStatesOf(cells, row.enrolmentId, parts)}
                onPick={(col) => grid.pick(index, col)}
              />
            );
          })}
        </div>
      </div>
      <ScoreHistory
        target={history}
        onClose={() => {
          setHistory(null);
          root.current?.focus();
        }}
      />
      <div className="grid-status">
        {notePrompt ? (
          <label className="grid-note">
            {t('grid.notePrompt', { name: rows[notePrompt.row]?.name ?? '', part: parts[notePrompt.col]?.label ?? '' })}
            <input
              ref={noteBox}
              autoFocus
              value={note}
              maxLength={200}
              placeholder={t('grid.notePlaceholder')}
              onChange={(e) => setNote(e.target.value)}
              onKeyDown={(e) => {
                e.stopPropagation();
                if (e.nativeEvent.isComposing) return;
                if (e.key === 'Enter') (e.preventDefault(), saveMisconduct());
                else if (e.key === 'Escape') (e.preventDefault(), setNotePrompt(null), root.current?.focus());
              }}
              data-testid="misconduct-note"
            />
          </label>
        ) : (
          <span className={notice && noticeTone === 'refusal' ? 'grid-refusal' : 'muted'} data-testid="grid-notice">
            {notice ?? t('grid.position', { row: active.row + 1, total: rows.length, name: rows[active.row]?.name ?? '', part: parts[active.col]?.label ?? '' })}
          </span>
        )}
        {canRestore && !notePrompt ? (
          <Button size="small" onClick={restoreCarried} data-testid="restore-carried">
            {t('grid.restoreCarried')}
          </Button>
        ) : null}
      </div>
    </div>
    </>
  );
}

function withPart(list: PartView[], part: string, view: PartView | null): Row['parts'] {
  const rest = list.filter((p) => p.part !== part);
  return (view ? [...rest, view] : rest) as Row['parts'];
}

/** The states of one row's cells, or undefined when none has one (so memoised rows stay untouched). */
function cellStatesOf(cells: Map<string, CellState>, enrolmentId: number, parts: GridPart[]): (CellState | undefined)[] | undefined {
  if (cells.size === 0) return undefined;
  const states = parts.map((p) => cells.get(`${enrolmentId}:${p.part}`));
  return states.some(Boolean) ? states : undefined;
}

const GridRow = memo(
  function GridRow({
    t,
    row,
    index,
    parts,
    columns,
    activeCol,
    editing,
    onEdit,
    states,
    onPick,
  }: {
    t: Translate;
    row: Row;
    index: number;
    parts: GridPart[];
    columns: string;
    activeCol: number;
    editing: string | null;
    onEdit: (v: string) => void;
    states: (CellState | undefined)[] | undefined;
    onPick: (col: number) => void;
  }) {
    return (
      <div className="grid-row" style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT, gridTemplateColumns: columns }} data-row={index}>
        <div className="num muted">{index + 1}</div>
        <div className="mono">{row.admissionNumber}</div>
        <div>{row.name}</div>
        <div className="mono">{row.idNumber}</div>
        <div className="muted" title={row.employer ?? ''}>
          {row.employer ?? ''}
        </div>
        {parts.map((p, col) => {
          const view = row.parts.find((x) => x.part === p.part);
          const state = states?.[col];
          const isActive = col === activeCol;
          const isEditing = isActive && editing !== null;
          const cls = ['cell', 'num', isActive ? 'active' : '', isEditing ? 'editing' : '', state?.state === 'refused' ? 'refused' : ''].join(' ');
          return (
            <div
              key={p.part}
              className={cls}
              data-cell={`${index}:${p.part}`}
              data-state={state?.state ?? (view ? 'saved' : 'empty')}
              title={state?.state === 'refused' ? state.message : cellTitle(t, view)}
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(col);
              }}
            >
              {isEditing ? (
                <input
                  autoFocus
                  value={editing ?? ''}
                  onChange={(e) => onEdit(e.target.value)}
                  onFocus={(e) => e.target.setSelectionRange(e.target.value.length, e.target.value.length)}
                  aria-label={p.label}
                  data-testid="cell-editor"
                />
              ) : (
                <CellValue view={view} passMark={p.passMark} t={t} />
              )}
            </div>
          );
        })}
        <div>
          <OutcomeTag t={t} outcome={row.outcome} />
        </div>
      </div>
    );
  },
  (a, b) => a.row === b.row && a.index === b.index && a.activeCol === b.activeCol && a.editing === b.editing && a.states === b.states && a.columns === b.columns && a.t === b.t,
);

/** On hover: where a carried part's score comes from, or a 违纪's note. */
function cellTitle(t: Translate, view: PartView | undefined): string | undefined {
  if (!view) return undefined;
  if (view.status === 'carried') return t('grid.carriedFrom', { score: view.score === null ? '' : scoreText(view.score), session: view.carriedFrom?.name ?? '' });
  if (view.status === 'misconduct' && view.note) return t('grid.noteTitle', { note: view.note });
  return undefined;
}

function CellValue({ view, passMark, t }: { view: PartView | undefined; passMark: number; t: Translate }) {
  if (!view) return null;
  if (view.status === 'absent') return <span className="word-absent">{t('word.absent')}</span>;
  if (view.status === 'misconduct') return <span className={view.note ? 'word-misconduct has-note' : 'word-misconduct'}>{t('word.misconduct')}</span>;
  const below = view.score !== null && view.score < passMark;
  return (
    <span className={below ? 'below' : undefined}>
      {view.carried ? <span className="muted" style={{ fontSize: 11, marginRight: 4 }}>{t('grid.carriedShort')}</span> : null}
      {view.score === null ? '' : scoreText(view.score)}
    </span>
  );
}

export function SummaryLine({ summary }: { summary: Summary }) {
  const { t } = useI18n();
  return (
    <span data-testid="running-summary">
      {t('grid.summary', {
        registered: summary.registered,
        absent: summary.absent,
        sat: summary.sat,
        passed: summary.passed,
        pending: summary.pending,
      })}{' '}
      <b data-figure="running-pass-rate">{formatRate(summary.passRate)}</b>
    </span>
  );
}
