// 竞赛: the list and a new competition; a competition's page with its events and entrants, the
// score grid per event (one column per judge, or 用时/罚时 for a timed event), the live ranking with
// its tie-break order and prize rule, 公示, 定稿 and what it prints (docs/competitions.md).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, App, Button, Card, Col, type ButtonProps, Form, Input, InputNumber, Modal, Row, Segmented, Select, Space, Table, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n, type Translate } from '../i18n';
import { useRpc } from '../useRpc';
import { downloadFile, rpc, RpcError, type OpResult } from '../rpc';
import { errorText, useAction } from '../useAction';
import { navigate } from '../router';
import { DateField } from '../components/DateField';
import { usePdfDownload } from '../components/printing/usePdfDownload';
import { useLiveUpdates } from '../useLiveUpdates';
import { ImportScoresButton, PromoteButton } from '../components/competitions/CompetitionExtras';
import { useKeyGrid } from '../grid/useKeyGrid';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Competition = OpResult<'competitions.get'>;
type CompEvent = Competition['events'][number];

function StatusTag({ status }: { status: 'draft' | 'published' | 'final' }) {
  const { t } = useI18n();
  return <Tag color={status === 'final' ? 'green' : status === 'published' ? 'orange' : 'blue'}>{t(`competition.status.${status}`)}</Tag>;
}

export function CompetitionsPage() {
  const { t } = useI18n();
  const list = useRpc('competitions.list', {});
  const [creating, setCreating] = useState(false);
  return (
    <div className="page">
      <div className="page-head">
        <h2>{t('nav.competitions')}</h2>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-competition">
          {t('competition.new')}
        </Button>
      </div>
      {list.error ? <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 12 }} /> : null}
      <Card size="small">
        <Table
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('competition.none') }}
          columns={[
            { title: t('competition.name'), dataIndex: 'name', render: (v, r) => <a href={`#/competitions/${r.id}`} data-competition-link={r.id}>{v}</a> },
            { title: t('competition.date'), dataIndex: 'date', width: 110 },
            { title: t('competition.kind'), dataIndex: 'kind', width: 90, render: (v: string) => t(v === 'team' ? 'competition.kindTeam' : 'competition.kindIndividual') },
            { title: t('competition.events'), dataIndex: 'events', width: 70, className: 'num' },
            { title: t('competition.entrants'), dataIndex: 'entrants', width: 70, className: 'num' },
            { title: t('session.status'), dataIndex: 'status', width: 90, render: (v: 'draft' | 'published' | 'final') => <StatusTag status={v} /> },
          ]}
        />
      </Card>
      <NewCompetitionModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

interface NewCompetition {
  name: string;
  date: string;
  kind: 'team' | 'individual';
  venue?: string;
  organiser?: string;
}

function NewCompetitionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewCompetition>();
  const { busy, error, run } = useAction();
  const submit = async () => {
    const v = await form.validateFields();
    const created = await run(() => rpc('competitions.create', { ...v, venue: v.venue || null, organiser: v.organiser || null }));
    if (created) {
      onClose();
      navigate({ page: 'competition', id: created.id });
    }
  };
  return (
    <Modal open={open} title={t('competition.new')} onCancel={onClose} onOk={() => void submit()} okText={t('competition.create')} okButtonProps={{ 'data-testid': 'create-competition' } as ButtonProps} confirmLoading={busy} destroyOnHidden>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ kind: 'team' }}>
        <Form.Item name="name" label={t('competition.name')} rules={[{ required: true, message: t('competition.nameRequired') }]}>
          <Input data-testid="competition-name" placeholder={t('competition.namePlaceholder')} />
        </Form.Item>
        <Space>
          <Form.Item name="date" label={t('competition.date')} rules={[{ required: true, message: t('competition.dateRequired') }]}>
            <DateField testId="competition-date" width={160} />
          </Form.Item>
          <Form.Item name="kind" label={t('competition.kind')}>
            <Segmented
              options={[
                { value: 'team', label: t('competition.kindTeam') },
                { value: 'individual', label: t('competition.kindIndividual') },
              ]}
            />
          </Form.Item>
        </Space>
        <Form.Item name="venue" label={t('competition.venue')}>
          <Input />
        </Form.Item>
        <Form.Item name="organiser" label={t('competition.organiser')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CompetitionPage({ id }: { id: number }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const comp = useRpc('competitions.get', { id });
  const results = useRpc('competitions.results', { competitionId: id });
  const action = useAction();
  const [eventId, setEventId] = useState<number | null>(null);
  const [complaintUntil, setComplaintUntil] = useState('');
  const awards = usePdfDownload(() => rpc('competitions.certificates', { competitionId: id }));
  const c = comp.data;
  const final = c?.status === 'final';
  const event = c?.events.find((e) => e.id === eventId) ?? c?.events[0];

  const reloadAll = () => {
    comp.reload();
    results.reload();
  };
  // Judges keying at other desks (docs/lan.md): their marks and the ranking they move appear here.
  const [othersSaved, setOthersSaved] = useState(0);
  useLiveUpdates(
    (e) => e.competitionId === id,
    () => {
      reloadAll();
      setOthersSaved((n) => n + 1);
    },
  );
  const publish = () =>
    action.run(async () => {
      await rpc('competitions.publish', { competitionId: id, complaintUntil: complaintUntil || null });
      reloadAll();
    });
  const finalize = () =>
    modal.confirm({
      title: t('competition.finalizeTitle'),
      content: t('competition.finalizeHint'),
      okText: t('competition.finalize'),
      okButtonProps: { 'data-testid': 'confirm-finalize' } as ButtonProps,
      onOk: async () => {
        if (await action.run(() => rpc('competitions.finalize', { competitionId: id }))) reloadAll();
      },
    });
  const exportBook = (op: 'competitions.exportResults' | 'competitions.exportAwards') =>
    action.run(async () => {
      try {
        const file = await rpc(op, { competitionId: id });
        if ('base64' in file) downloadFile(file as { name: string; base64: string }, XLSX);
      } catch (e) {
        message.error(errorText(e), 8);
      }
    });

  if (comp.error) return <Alert type="error" showIcon message={comp.error.message} />;
  if (!c) return <Card loading />;
  // Once events and entrants are in, keying marks is the day's work: the grid and the ranking beside
  // it come first, the setup below.
  const setUp = c.events.length > 0 && c.entrants.length > 0;
  const work = (
    <Row gutter={12} wrap>
      <Col flex="none" style={{ maxWidth: '100%' }}>
        <Card
          size="small"
          title={t('competition.scores')}
          extra={
            c.events.length > 0 ? (
              <Segmented data-testid="event-switch" value={event?.id} onChange={(v) => setEventId(Number(v))} options={c.events.map((e) => ({ value: e.id, label: e.name }))} />
            ) : null
          }
        >
          {event && setUp ? <MarkGrid key={event.id} c={c} event={event} readOnly={final} onSaved={results.reload} othersSaved={othersSaved} /> : <span className="muted">{t('competition.gridEmpty')}</span>}
        </Card>
      </Col>
      <Col flex="1 1 400px" style={{ minWidth: 0 }}>
        <RankingCard c={c} results={results.data} onChanged={reloadAll} />
      </Col>
    </Row>
  );
  return (
    <div className="page">
      <div className="page-head">
        <h2 data-testid="competition-title">
          {c.name} <StatusTag status={c.status} />
        </h2>
        <Space wrap>
          <Button onClick={() => void exportBook('competitions.exportResults')} data-testid="export-results">{t('competition.exportResults')}</Button>
          <Button onClick={() => void exportBook('competitions.exportAwards')} data-testid="export-awards">{t('competition.exportAwards')}</Button>
          {final ? <PromoteButton competitionId={id} /> : null}
          {final ? (
            <Button type="primary" loading={awards.busy} onClick={() => void awards.print()} data-testid="print-awards">
              {t('competition.printAwards')}
            </Button>
          ) : (
            <>
              {setUp ? (
                <ImportScoresButton
                  competitionId={id}
                  onImported={() => {
                    // The grid reloads its marks as it does for marks saved at other desks.
                    reloadAll();
                    setOthersSaved((n) => n + 1);
                  }}
                />
              ) : null}
              <span className="muted">{t('competition.complaintUntil')}</span>
              <DateField testId="complaint-until" width={150} value={complaintUntil || c.complaintUntil} onChange={setComplaintUntil} />
              <Tooltip title={t('competition.publishHint')}>
                <Button onClick={() => void publish()} data-testid="publish">{t('competition.publish')}</Button>
              </Tooltip>
              <Button type="primary" onClick={finalize} data-testid="finalize-competition">{t('competition.finalize')}</Button>
            </>
          )}
        </Space>
      </div>
      <p className="muted">
        {c.date} · {t(c.kind === 'team' ? 'competition.kindTeam' : 'competition.kindIndividual')}
        {c.venue ? ` · ${c.venue}` : ''}
        {c.organiser ? ` · ${c.organiser}` : ''}
        {c.complaintUntil ? ` · ${t('competition.complaintUntil')} ${c.complaintUntil}` : ''}
      </p>
      {action.error ? <Alert type="error" showIcon message={action.error} style={{ marginBottom: 12 }} closable onClose={() => action.setError(null)} data-testid="competition-error" /> : null}
      {setUp ? work : null}
      <Row gutter={12} style={{ marginTop: setUp ? 12 : 0 }}>
        <Col xs={24} xl={12}>
          <EventsCard c={c} onChanged={reloadAll} />
        </Col>
        <Col xs={24} xl={12}>
          <EntrantsCard c={c} onChanged={reloadAll} />
        </Col>
      </Row>
      {setUp ? null : work}
    </div>
  );
}

function EventsCard({ c, onChanged }: { c: Competition; onChanged: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; max: number; weight?: number; kind: 'judged' | 'timed'; judges?: number; dropHigh?: number; dropLow?: number }>();
  const action = useAction();
  const timed = Form.useWatch('kind', form) === 'timed';
  const final = c.status === 'final';
  const add = async () => {
    const { kind, ...v } = await form.validateFields();
    const isTimed = kind === 'timed';
    if (await action.run(() => rpc('competitions.addEvent', { competitionId: c.id, ...v, weight: v.weight ?? undefined, timed: isTimed, dropHigh: isTimed ? undefined : v.dropHigh, dropLow: isTimed ? undefined : v.dropLow }))) {
      form.resetFields();
      onChanged();
    }
  };
  return (
    <Card size="small" title={t('competition.events')} style={{ marginBottom: 12 }}>
      <Table
        size="small"
        rowKey="id"
        dataSource={c.events}
        pagination={false}
        locale={{ emptyText: t('competition.noEvents') }}
        columns={[
          { title: t('competition.eventName'), dataIndex: 'name' },
          { title: t('competition.max'), dataIndex: 'max', width: 60, className: 'num' },
          { title: t('competition.weight'), dataIndex: 'weight', width: 60, className: 'num' },
          {
            title: t('competition.judging'),
            render: (_, e) =>
              e.kind === 'timed'
                ? t('competition.timedRule', { n: e.judges })
                : e.dropHigh + e.dropLow > 0
                  ? t('competition.judgedRule', { n: e.judges, high: e.dropHigh, low: e.dropLow })
                  : t(e.judges === 1 ? 'competition.judgedOne' : 'competition.judgedMean', { n: e.judges }),
          },
        ]}
      />
      {final ? null : (
        <Form form={form} layout="inline" initialValues={{ kind: 'judged', judges: 5, dropHigh: 1, dropLow: 1, weight: 1 }} style={{ marginTop: 8, rowGap: 8 }}>
          {action.error ? <Alert type="error" showIcon message={action.error} style={{ width: '100%', marginBottom: 8 }} /> : null}
          <Form.Item name="name" rules={[{ required: true, message: t('competition.eventNameRequired') }]}>
            <Input placeholder={t('competition.eventName')} style={{ width: 110 }} data-testid="event-name" />
          </Form.Item>
          <Form.Item name="max" rules={[{ required: true, message: t('competition.maxRequired') }]}>
            <InputNumber placeholder={t('competition.max')} min={0} style={{ width: 80 }} data-testid="event-max" />
          </Form.Item>
          <Form.Item name="weight" label={t('competition.weight')}>
            <InputNumber min={0} step={0.1} style={{ width: 64 }} />
          </Form.Item>
          <Form.Item name="kind">
            <Segmented
              data-testid="event-kind"
              options={[
                { value: 'judged', label: t('competition.judged') },
                { value: 'timed', label: t('competition.timed') },
              ]}
            />
          </Form.Item>
          <Form.Item name="judges" label={t(timed ? 'competition.timekeepers' : 'competition.judges')}>
            <InputNumber min={1} max={15} style={{ width: 56 }} data-testid="event-judges" />
          </Form.Item>
          {timed ? null : (
            <>
              <Form.Item name="dropHigh" label={t('competition.dropHigh')}>
                <InputNumber min={0} style={{ width: 52 }} data-testid="event-drop-high" />
              </Form.Item>
              <Form.Item name="dropLow" label={t('competition.dropLow')}>
                <InputNumber min={0} style={{ width: 52 }} data-testid="event-drop-low" />
              </Form.Item>
            </>
          )}
          <Button onClick={() => void add()} loading={action.busy} data-testid="add-event">{t('competition.addEvent')}</Button>
        </Form>
      )}
    </Card>
  );
}

function EntrantsCard({ c, onChanged }: { c: Competition; onChanged: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; employer?: string; draw?: string; members?: string }>();
  const action = useAction();
  const final = c.status === 'final';
  const add = async () => {
    const v = await form.validateFields();
    const members = (v.members ?? '').split(/[\s,，、;；]+/).filter(Boolean);
    if (await action.run(() => rpc('competitions.addEntrant', { competitionId: c.id, name: v.name, employer: v.employer || null, draw: v.draw || null, members }))) {
      form.resetFields();
      onChanged();
    }
  };
  return (
    <Card size="small" title={`${t('competition.entrants')}（${c.entrants.length}）`} style={{ marginBottom: 12 }}>
      <Table
        size="small"
        rowKey="id"
        dataSource={c.entrants}
        pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
        locale={{ emptyText: t('competition.noEntrants') }}
        columns={[
          { title: t('competition.draw'), dataIndex: 'draw', width: 64 },
          { title: t(c.kind === 'team' ? 'competition.team' : 'competition.entrant'), dataIndex: 'name' },
          { title: t('competition.employer'), dataIndex: 'employer', ellipsis: true },
          { title: t('competition.members'), render: (_, e) => e.members.map((m) => m.name).join('、') || '—', ellipsis: true },
        ]}
      />
      {final ? null : (
        <Form form={form} layout="inline" style={{ marginTop: 8, rowGap: 8 }}>
          {action.error ? <Alert type="error" showIcon message={action.error} style={{ width: '100%', marginBottom: 8 }} /> : null}
          <Form.Item name="name" rules={[{ required: true, message: t('competition.entrantNameRequired') }]}>
            <Input placeholder={t(c.kind === 'team' ? 'competition.team' : 'competition.entrant')} style={{ width: 130 }} data-testid="entrant-name" />
          </Form.Item>
          <Form.Item name="employer">
            <Input placeholder={t('competition.employer')} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="draw">
            <Input placeholder={t('competition.draw')} style={{ width: 72 }} data-testid="entrant-draw" />
          </Form.Item>
          <Form.Item name="members">
            <Input placeholder={t('competition.membersPlaceholder')} style={{ width: 260 }} data-testid="entrant-members" />
          </Form.Item>
          <Button onClick={() => void add()} loading={action.busy} data-testid="add-entrant">{t('competition.addEntrant')}</Button>
        </Form>
      )}
    </Card>
  );
}

/** Column seats of an event: judges 1…N, or timekeepers 1…N and 0 for 罚时. */
function seatsOf(event: CompEvent, t: Translate): { seat: number; label: string }[] {
  const n = event.judges;
  const seats = Array.from({ length: n }, (_, i) => i + 1);
  return event.kind === 'timed'
    ? [...seats.map((s) => ({ seat: s, label: n > 1 ? t('competition.timeN', { n: s }) : t('competition.time') })), { seat: 0, label: t('competition.penalty') }]
    : seats.map((s) => ({ seat: s, label: t('competition.judgeN', { n: s }) }));
}

const cellKey = (entrantId: number, seat: number) => `${entrantId}:${seat}`;

/**
 * The score grid of one event: a row per entrant, a column per judge (or 用时/罚时). Enter goes
 * down (a judge's sheet is keyed column by column), Tab across, arrows either way, on the keyboard
 * engine every grid shares (grid/useKeyGrid.ts); each cell is an input, so typing, the caret and
 * Ctrl+A are the browser's. Each changed cell is saved through competitions.setMark as the cursor
 * leaves it, and a refusal stays in the cell, red, with the server's message.
 */
function MarkGrid({ c, event, readOnly, onSaved, othersSaved }: { c: Competition; event: CompEvent; readOnly: boolean; onSaved: () => void; othersSaved: number }) {
  const { t } = useI18n();
  const marks = useRpc('competitions.marks', { competitionId: c.id, event: event.id });
  const seats = seatsOf(event, t);
  const [text, setText] = useState<Record<string, string>>({});
  const saved = useRef<Record<string, string>>({});
  // The mark a cell showed when the officer began typing in it, kept while other desks' marks
  // arrive: what the save says it replaces, so a mark saved elsewhere meanwhile is not overwritten.
  const typedOver = useRef<Record<string, string>>({});
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const table = useRef<HTMLTableElement>(null);
  const grid = useKeyGrid({ rows: c.entrants.length, cols: seats.length, rowHeight: 30, autoFocus: false });
  const { active, cells, setCell } = grid;
  const saving = [...cells.values()].filter((x) => x.state === 'saving').length;

  const reloadMarks = marks.reload;
  useEffect(() => {
    if (othersSaved > 0) reloadMarks();
  }, [othersSaved, reloadMarks]);
  useEffect(() => {
    if (!marks.data) return;
    const loaded: Record<string, string> = {};
    for (const m of marks.data) if (m.member === null) loaded[cellKey(m.entrantId, m.seat)] = m.value.toFixed(2);
    const before = saved.current;
    saved.current = loaded;
    // A cell being typed in (not yet saved) keeps what the officer typed when other desks' marks arrive.
    setText((typed) => {
      const next = { ...loaded };
      for (const [k, v] of Object.entries(typed)) {
        if (v === (before[k] ?? '')) continue;
        next[k] = v;
        if (!(k in typedOver.current)) typedOver.current[k] = before[k] ?? '';
      }
      return next;
    });
  }, [marks.data]);

  const save = async (entrantId: number, seat: number) => {
    const key = cellKey(entrantId, seat);
    const value = (text[key] ?? '').trim();
    if (value === (saved.current[key] ?? '')) {
      delete typedOver.current[key];
      return;
    }
    const seq = grid.beginWrite(key);
    setCell(key, { state: 'saving' });
    try {
      // The cell as this desk showed it: if another desk saved that seat meanwhile, the server
      // refuses rather than overwrite, and the cell shows theirs (docs/lan.md).
      const replaced = typedOver.current[key] ?? saved.current[key] ?? null;
      await rpc('competitions.setMark', { competitionId: c.id, event: event.id, entrant: entrantId, seat: seat === 0 ? 'penalty' : seat, value: value === '' ? null : value, replaced });
      saved.current = { ...saved.current, [key]: value };
      if (grid.isLatest(key, seq)) setCell(key, null);
      onSaved();
    } catch (e) {
      if (e instanceof RpcError && e.code === 'COMPETITION_MARK_CHANGED_MEANWHILE' && grid.isLatest(key, seq)) {
        const current = (e.details as { current?: number | null } | undefined)?.current;
        const theirs = typeof current === 'number' ? current.toFixed(2) : '';
        saved.current = { ...saved.current, [key]: theirs };
        setText((x) => ({ ...x, [key]: theirs }));
      }
      if (grid.isLatest(key, seq)) setCell(key, { state: 'refused', message: errorText(e) });
    } finally {
      delete typedOver.current[key];
    }
  };

  // The engine moved the active cell: its input takes the keyboard (leaving the last one saves it).
  // Only while the keyboard is in this grid, so a refresh never pulls it out of another field.
  useEffect(() => {
    const e = c.entrants[active.row];
    const s = seats[active.col];
    const el = e && s ? inputs.current.get(cellKey(e.id, s.seat)) : undefined;
    if (!el || el === document.activeElement || !table.current?.contains(document.activeElement)) return;
    el.focus();
    el.select();
  }, [active]);

  const onKey = (ev: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    const el = ev.currentTarget;
    if (ev.key === 'Escape') {
      const key = cellKey(c.entrants[row]!.id, seats[col]!.seat);
      setText((x) => ({ ...x, [key]: saved.current[key] ?? '' }));
      delete typedOver.current[key];
      return;
    }
    // Inside a cell's text the caret keys are the input's: ← → leave the cell only from its edge.
    if (ev.key === 'Home' || ev.key === 'End') return;
    if (ev.key === 'ArrowRight' && el.selectionStart !== el.value.length) return;
    if (ev.key === 'ArrowLeft' && !(el.selectionStart === 0 && el.selectionEnd === 0)) return;
    grid.navigate(ev);
  };

  const errors: Record<string, string> = {};
  for (const [key, state] of cells) if (state.state === 'refused') errors[key] = state.message;
  const firstError = Object.entries(errors)[0];
  return (
    <div style={{ maxWidth: 120 + 84 * seats.length + 60 }}>
      <p className="muted" style={{ marginTop: 0 }}>
        {event.kind === 'timed' ? t('competition.gridTimedHint') : t('competition.gridHint', { max: event.max })}
        {saving > 0 ? ` · ${t('competition.saving')}` : ''}
      </p>
      {firstError ? <Alert type="error" showIcon message={firstError[1]} style={{ marginBottom: 8 }} data-testid="grid-error" /> : null}
      <table className="comp-grid" data-testid="mark-grid" ref={table}>
        <thead>
          <tr>
            <th style={{ width: 56 }}>{t('competition.draw')}</th>
            <th>{t(c.kind === 'team' ? 'competition.team' : 'competition.entrant')}</th>
            {seats.map((s) => (
              <th key={s.seat} style={{ width: 84 }}>{s.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {c.entrants.map((e, row) => (
            <tr key={e.id}>
              <td className="muted">{e.draw ?? ''}</td>
              <td>{e.name}</td>
              {seats.map((s, col) => {
                const key = cellKey(e.id, s.seat);
                return (
                  <td key={s.seat}>
                    <input
                      ref={(el) => {
                        if (el) inputs.current.set(key, el);
                        else inputs.current.delete(key);
                      }}
                      className={`comp-cell${errors[key] ? ' comp-cell-error' : ''}`}
                      title={errors[key] ?? ''}
                      inputMode="decimal"
                      disabled={readOnly}
                      value={text[key] ?? ''}
                      onChange={(x) => setText((old) => ({ ...old, [key]: x.target.value }))}
                      onBlur={() => void save(e.id, s.seat)}
                      onFocus={(x) => {
                        x.currentTarget.select();
                        if (active.row !== row || active.col !== col) grid.setActive({ row, col });
                      }}
                      onKeyDown={(x) => onKey(x, row, col)}
                      data-cell={`${row}-${col}`}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RankingCard({ c, results, onChanged }: { c: Competition; results: OpResult<'competitions.results'> | undefined; onChanged: () => void }) {
  const { t } = useI18n();
  const action = useAction();
  const final = c.status === 'final';
  const [order, setOrder] = useState<string[]>(c.tiebreak);
  const [rule, setRule] = useState(c.prizeRule ?? '');
  useEffect(() => setOrder(c.tiebreak), [c.tiebreak]);
  useEffect(() => setRule(c.prizeRule ?? ''), [c.prizeRule]);
  const saveOrder = async () => {
    if (await action.run(() => rpc('competitions.tiebreak', { competitionId: c.id, order }))) onChanged();
  };
  const saveRule = async () => {
    if (await action.run(() => rpc('competitions.prizes', { competitionId: c.id, rule }))) onChanged();
  };
  const fmt = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  return (
    <Card
      size="small"
      title={results?.complete ? t('competition.ranking') : t('competition.rankingLive')}
      extra={
        final ? (
          <span className="muted">{t('competition.rulesShown', { order: c.tiebreak.join(' → ') || '—', rule: c.prizeRule ?? '—' })}</span>
        ) : null
      }
    >
      {final ? null : (
        <Space wrap style={{ marginBottom: 8 }}>
          <span>{t('competition.tiebreak')}</span>
          <Select mode="multiple" style={{ minWidth: 200 }} value={order} onChange={setOrder} options={c.events.map((e) => ({ value: e.name, label: e.name }))} placeholder={t('competition.tiebreakPlaceholder')} data-testid="tiebreak" />
          <Button onClick={() => void saveOrder()} data-testid="save-tiebreak">{t('common.save')}</Button>
          <span style={{ marginLeft: 12 }}>{t('competition.prizeRule')}</span>
          <Input style={{ width: 300 }} value={rule} onChange={(e) => setRule(e.target.value)} onPressEnter={() => void saveRule()} placeholder="一等奖:1,二等奖:1,三等奖:1,优秀奖:rest" data-testid="prize-rule" />
          <Button onClick={() => void saveRule()} data-testid="save-prizes">{t('common.save')}</Button>
        </Space>
      )}
      {action.error ? <Alert type="error" showIcon message={action.error} style={{ marginBottom: 8 }} data-testid="ranking-error" /> : null}
      <Table
        size="small"
        rowKey="entrantId"
        dataSource={results?.ranking ?? []}
        loading={!results}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="ranking"
        rowClassName={(r) => (r.complete ? '' : 'muted')}
        columns={[
          { title: t('competition.rank'), dataIndex: 'rank', width: 48, fixed: 'left' as const, className: 'num' },
          { title: t(c.kind === 'team' ? 'competition.team' : 'competition.entrant'), dataIndex: 'entrant', render: (v: string) => <span data-ranked={v}>{v}</span> },
          ...c.events.map((ev, i) => ({
            title: ev.name,
            key: `e${ev.id}`,
            width: 64,
            className: 'num',
            render: (_: unknown, r: NonNullable<typeof results>['ranking'][number]) => {
              const x = r.events[i];
              if (!x) return '—';
              return x.time !== null ? <span title={`${t('competition.time')} ${x.time.toFixed(2)}`}>{fmt(x.score)}</span> : fmt(x.score);
            },
          })),
          { title: t('competition.total'), dataIndex: 'total', width: 64, fixed: 'right' as const, className: 'num', render: (v: number) => <b>{v.toFixed(2)}</b> },
          { title: t('competition.prize'), dataIndex: 'prize', width: 76, fixed: 'right' as const, render: (v: string | null) => (v ? <Tag color={v.startsWith('一') ? 'gold' : 'blue'}>{v}</Tag> : '') },
          ...(final ? [{ title: t('competition.awardNumber'), dataIndex: 'awardNumber', width: 150 }] : []),
        ]}
      />
    </Card>
  );
}
