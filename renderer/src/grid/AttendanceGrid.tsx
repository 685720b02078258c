// 考勤: a class's attendance keyed like a paper 签到表, one trainee a row and one 课次 a column, on
// the same keyboard engine as 成绩录入 (useKeyGrid). 1 出勤, 2 缺勤, 3 迟到, 4 请假 mark the cell and
// go down to the next trainee (a lesson's column is keyed top to bottom); Space cycles the mark in
// place; Delete clears it. Each mark is saved at once through training.attend, and the row's 学时,
// 出勤率 and 结业 come back from the server with it (docs/training.md). A finalized class is read
// only; a refused mark turns its cell red with the server's reason.
import { useCallback, useEffect, useMemo, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Tag } from 'antd';
import { useI18n } from '../i18n';
import { rpc, RpcError, type OpResult } from '../rpc';
import { errorText } from '../useAction';
import { formatRate } from '../labels';
import { useKeyGrid } from './useKeyGrid';

type Sheet = OpResult<'training.sheet'>;
type Trainee = Sheet['trainees'][number];
type Lesson = Sheet['lessons'][number];
type Mark = Trainee['marks'][number];
export type AttendanceStatus = 'present' | 'absent' | 'late' | 'leave';

/** The order of the legend and of the keys 1–4; Space cycles through it and back to no mark. */
export const ATTENDANCE_KEYS: readonly AttendanceStatus[] = ['present', 'absent', 'late', 'leave'];

const ROW_HEIGHT = 34;
const FIXED = '52px 88px 172px minmax(120px, 1fr)';
const TAIL = '64px 72px minmax(220px, 1.6fr)';

/**
 * What a key or a pasted word marks: 1–4 (also full-width １–４ from a Chinese input method), or
 * the word as the sheet prints it (出勤 …, present …). undefined: not a mark; null: clear.
 */
export function statusOfText(text: string): AttendanceStatus | null | undefined {
  const s = text.trim().normalize('NFKC').toLowerCase();
  if (s === '') return null;
  const byDigit = ATTENDANCE_KEYS[Number(s) - 1];
  if (/^[1-4]$/.test(s) && byDigit) return byDigit;
  const words: Record<string, AttendanceStatus> = { 出勤: 'present', 缺勤: 'absent', 迟到: 'late', 请假: 'leave', present: 'present', absent: 'absent', late: 'late', leave: 'leave' };
  return words[s];
}

export function AttendanceGrid({
  classId,
  sheet,
  readOnly,
  onCompleted,
  onStale,
}: {
  classId: number;
  sheet: Sheet;
  /** Why nothing can be keyed (the class is finalized), or null. */
  readOnly: string | null;
  /** How many trainees meet the completion rule now, after each save. */
  onCompleted: (n: number) => void;
  /** The class changed under this desk (finalized at another): the page loads it again. */
  onStale: () => void;
}) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Trainee[]>(sheet.trainees);
  const lessons = sheet.lessons;
  const [notice, setNotice] = useState<string | null>(null);
  /** A key was pressed on a read-only grid: its reason, always shown, turns red. */
  const [triedReadOnly, setTriedReadOnly] = useState(false);
  useEffect(() => setRows(sheet.trainees), [sheet]);
  // The page's header counts completions; it follows the grid rather than reloading at each key.
  useEffect(() => onCompleted(rows.filter((r) => r.completed).length), [rows, onCompleted]);

  const grid = useKeyGrid({ rows: rows.length, cols: lessons.length, rowHeight: ROW_HEIGHT, pageRows: 10, autoFocus: false });
  const { active, cells, setCell, root, body } = grid;
  const keyOf = (r: Trainee, l: Lesson) => `${r.idNumber}:${l.id}`;
  const label = useCallback((s: AttendanceStatus) => t(`training.status.${s}`), [t]);

  const save = useCallback(
    (rowIndex: number, col: number, status: AttendanceStatus | null) => {
      const row = rows[rowIndex];
      const lesson = lessons[col];
      if (!row || !lesson) return;
      const key = `${row.idNumber}:${lesson.id}`;
      const before = row.marks[lesson.id];
      const withMark = (r: Trainee, m: Mark | undefined): Trainee => {
        const marks = { ...r.marks };
        if (m) marks[lesson.id] = m;
        else delete marks[lesson.id];
        return { ...r, marks };
      };
      // Shown at once; the server's answer brings the row's 学时, 出勤率 and 结业.
      setRows((rs) => rs.map((r) => (r.idNumber === row.idNumber ? withMark(r, status ? { status, hours: null, minutes: null } : undefined) : r)));
      setCell(key, { state: 'saving' });
      const seq = grid.beginWrite(key);
      rpc('training.attend', { classId, lessonId: lesson.id, idNumber: row.idNumber, status }).then(
        (res) => {
          if (!grid.isLatest(key, seq)) return;
          setRows((rs) => rs.map((r) => (r.idNumber === row.idNumber ? { ...r, ...res.trainee, marks: r.marks } : r)));
          setCell(key, null);
        },
        (e: unknown) => {
          if (!grid.isLatest(key, seq)) return;
          const message = errorText(e);
          // Nothing was saved: the cell shows what it held, in red, with the reason on hover.
          setRows((rs) => rs.map((r) => (r.idNumber === row.idNumber ? withMark(r, before) : r)));
          setCell(key, { state: 'refused', message });
          setNotice(t('attendance.notSaved', { row: rowIndex + 1, name: row.name, lesson: lesson.date, message }));
          if (e instanceof RpcError && e.code === 'TRAINING_FINALIZED') onStale();
        },
      );
    },
    [rows, lessons, classId, setCell, grid.beginWrite, grid.isLatest, t, onStale],
  );

  const refuseReadOnly = () => setTriedReadOnly(true);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0 || lessons.length === 0 || e.nativeEvent.isComposing) return;
    if (grid.navigate(e)) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const { row, col } = active;
    const current = rows[row]?.marks[lessons[col]!.id]?.status ?? null;
    let status: AttendanceStatus | null | undefined;
    let down = false;
    if (e.key === 'Delete' || e.key === 'Backspace') status = null;
    else if (e.key === ' ') status = ATTENDANCE_KEYS[current === null ? 0 : ATTENDANCE_KEYS.indexOf(current) + 1] ?? null;
    else if (e.key.length === 1 && (status = statusOfText(e.key)) !== undefined && status !== null) down = true;
    else if (e.key === 'Escape') return (e.preventDefault(), setNotice(null));
    else return;
    if (status === undefined) return;
    e.preventDefault();
    if (readOnly) return refuseReadOnly();
    setNotice(null);
    if (status !== current || cells.get(keyOf(rows[row]!, lessons[col]!))?.state === 'refused') save(row, col, status);
    if (down) grid.move(1, 0);
  };

  /** A column block from a sheet (出勤 / 缺勤 … or 1–4, tab-separated), keyed from the active cell on. */
  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (rows.length === 0 || lessons.length === 0) return;
    const text = e.clipboardData.getData('text');
    if (!text.trim()) return;
    e.preventDefault();
    if (readOnly) return refuseReadOnly();
    const lines = text.replace(/\r/g, '').replace(/\n$/, '').split('\n');
    let refused = 0;
    let changed = 0;
    lines.forEach((line, i) => {
      line.split('\t').forEach((word, j) => {
        const row = active.row + i;
        const col = active.col + j;
        if (row >= rows.length || col >= lessons.length) return;
        const status = statusOfText(word);
        if (status === undefined) return void refused++;
        if ((rows[row]!.marks[lessons[col]!.id]?.status ?? null) === status) return;
        changed++;
        save(row, col, status);
      });
    });
    setNotice(refused ? t('attendance.pasteRefused', { n: refused }) : null);
    if (changed || refused) grid.setActive({ row: Math.min(rows.length - 1, active.row + lines.length - 1), col: active.col });
  };

  const columns = `${FIXED} ${lessons.map(() => '76px').join(' ')} ${TAIL}`;
  const minWidth = 52 + 88 + 172 + 120 + 76 * lessons.length + 64 + 72 + 220;
  const activeRow = rows[active.row];
  const activeLesson = lessons[active.col];
  const legend = useMemo(() => ATTENDANCE_KEYS.map((s, i) => `${i + 1} ${label(s)}`).join(' · '), [label]);

  if (lessons.length === 0 || rows.length === 0) return <p className="muted" data-testid="attendance-empty">{rows.length === 0 ? t('training.noTrainees') : t('attendance.noLessons')}</p>;

  return (
    <div className="grid attendance-grid" ref={root} tabIndex={0} onKeyDown={onKeyDown} onPaste={onPaste} data-testid="attendance-grid" aria-label={t('attendance.aria')}>
      <div className="attendance-scroll">
        <div style={{ minWidth }}>
          <div className="grid-head" style={{ gridTemplateColumns: columns }}>
            <div className="num">{t('admission.seq')}</div>
            <div>{t('candidate.name')}</div>
            <div>{t('candidate.idNumber')}</div>
            <div>{t('training.employer')}</div>
            {lessons.map((l, col) => (
              <div key={l.id} className={col === active.col ? 'lesson-head active' : 'lesson-head'} title={[l.date, l.topic, l.teacher].filter(Boolean).join(' · ')} data-lesson={l.id}>
                <span>{l.date.slice(5)}</span>
                <span className="muted">{t('attendance.lessonHours', { n: l.hours })}</span>
              </div>
            ))}
            <div className="num">{t('training.hours')}</div>
            <div className="num">{t('training.attendance')}</div>
            <div>{t('training.completed')}</div>
          </div>
          <div className="grid-body" ref={body} style={{ maxHeight: 34 * 16 }}>
            {rows.map((r, index) => (
              <div key={r.idNumber} className="grid-row" style={{ height: ROW_HEIGHT, gridTemplateColumns: columns }} data-row={index} data-id-number={r.idNumber}>
                <div className="num muted">{index + 1}</div>
                <div>{r.name}</div>
                <div className="mono">{r.idNumber}</div>
                <div className="muted" title={r.employer ?? ''}>
                  {r.employer ?? ''}
                </div>
                {lessons.map((l, col) => {
                  const m = r.marks[l.id];
                  const state = cells.get(keyOf(r, l));
                  const isActive = index === active.row && col === active.col;
                  const cls = ['cell', 'attendance-cell', isActive ? 'active' : '', state?.state === 'refused' ? 'refused' : ''].join(' ');
                  return (
                    <div
                      key={l.id}
                      className={cls}
                      data-cell={`${index}:${l.id}`}
                      data-state={state?.state ?? (m?.status ? 'saved' : 'empty')}
                      data-status={m?.status ?? ''}
                      title={state?.state === 'refused' ? state.message : m && !m.status && m.minutes !== null ? t('attendance.minutes', { n: m.minutes }) : undefined}
                      onMouseDown={(e) => {
                        e.preventDefault();
                        grid.pick(index, col);
                      }}
                    >
                      {m?.status ? <span className={`mark-${m.status}`}>{label(m.status)}</span> : m && m.hours !== null ? <span className="muted">{t('attendance.lessonHours', { n: m.hours })}</span> : null}
                    </div>
                  );
                })}
                <div className="num" data-figure="hours">{r.hours}</div>
                <div className="num" data-figure="attendance">{formatRate(r.attendance)}</div>
                <div data-figure="completed" data-completed={r.completed ? 'yes' : 'no'} title={r.reasons.join('；')}>
                  {r.completed ? <Tag color="green">{t('training.done')}</Tag> : <span className="muted">{r.reasons.join('；')}</span>}
                </div>
              </div>
            ))}
          </div>
        </div>
      </div>
      <div className="grid-status">
        <span className={notice ? 'grid-refusal' : 'muted'} data-testid="attendance-notice">
          {notice ?? t('attendance.position', { row: active.row + 1, total: rows.length, name: activeRow?.name ?? '', lesson: activeLesson ? `${activeLesson.date}（${t('attendance.lessonHours', { n: activeLesson.hours })}）` : '' })}
        </span>
        <span className={readOnly ? (triedReadOnly ? 'grid-refusal' : 'grid-locked') : 'muted'} data-testid="attendance-legend">
          {readOnly ?? t('attendance.legend', { keys: legend })}
        </span>
      </div>
    </div>
  );
}
