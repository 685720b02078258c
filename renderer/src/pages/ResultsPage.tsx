// 成绩录入 for one session: the keyboard grid, the running 合格率, and the way to finalize.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Result, Space, Spin, Tooltip } from 'antd';
import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useRpc } from '../useRpc';
import { useLiveUpdates } from '../useLiveUpdates';
import { navigate } from '../router';
import { ScoreGrid, SummaryLine } from '../grid/ScoreGrid';
import { partLabel, StatusTag } from '../labels';
import { PARTS } from '../../../services/vocabulary/words';
import type { OpResult } from '../rpc';
import { todayText } from '../components/SessionFlow';

function useGridHeight(): number {
  const compute = () => Math.max(260, window.innerHeight - 330);
  const [h, setH] = useState(compute);
  useEffect(() => {
    const onResize = () => setH(compute());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return h;
}

export function ResultsPage({ id }: { id: number }) {
  const { t } = useI18n();
  const session = useRpc('sessions.get', { id });
  const results = useRpc('results.get', { sessionId: id });
  // Other desks' saves in this session: their scores and the running 合格率 within a second.
  useLiveUpdates(
    (e) => e.sessionId === id,
    () => {
      results.reload();
      session.reload();
    },
  );
  const [summary, setSummary] = useState<OpResult<'results.get'>['summary'] | null>(null);
  const height = useGridHeight();
  const onSummary = useCallback((s: OpResult<'results.get'>['summary']) => setSummary(s), []);
  useEffect(() => setSummary(results.data?.summary ?? null), [results.data]);
  // The parts in the officer's language (the server names them in Chinese); a part the vocabulary does not know keeps its name.
  const parts = useMemo(
    () => (session.data?.parts ?? []).map((p) => ({ ...p, label: (PARTS as readonly string[]).includes(p.part) ? partLabel(t, p.part) : p.label })),
    [session.data, t],
  );

  const error = session.error ?? results.error;
  if (error) {
    return (
      <div className="page">
        <Result status="warning" title={error.message} extra={<Button onClick={() => navigate({ page: 'sessions' })}>{t('sessions.back')}</Button>} />
      </div>
    );
  }
  const s = session.data;
  const r = results.data;
  const locked = s?.status === 'finalized';
  return (
    <div className="page">
      <div className="page-head">
        <Space size={12} align="center">
          <Tooltip title={t('results.backTooltip')}>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate({ page: 'session', id })} />
          </Tooltip>
          <h2>{t('results.title')}</h2>
          {s ? <span className="muted">{s.name}</span> : null}
          {s ? <StatusTag t={t} status={s.status} /> : null}
        </Space>
        <Space>
          {summary ? <SummaryLine summary={summary} /> : null}
          {!locked ? (
            <Tooltip title={t('session.finalizeTooltip')}>
              <Button icon={<LockOutlined />} onClick={() => navigate({ page: 'session', id })}>
                {t('results.toFinalize')}
              </Button>
            </Tooltip>
          ) : null}
        </Space>
      </div>
      {locked ? <Alert type="info" showIcon message={t('results.lockedNotice')} style={{ marginBottom: 12 }} /> : null}
      {s && !locked && s.examDate > todayText() ? (
        <Alert type="warning" showIcon message={t('flow.futureWarning', { date: s.examDate })} style={{ marginBottom: 12 }} data-testid="future-warning" />
      ) : null}
      <Card size="small" styles={{ body: { padding: 12 } }}>
        <div className="keys-help" style={{ marginBottom: 10 }}>
          <span><span className="kbd">0–9</span> {t('keys.type')}</span>
          <span><span className="kbd">Enter</span> {t('keys.down')}</span>
          <span><span className="kbd">Tab</span> {t('keys.right')}</span>
          <span><span className="kbd">Q</span> {t('keys.absent')}</span>
          <span><span className="kbd">W</span> {t('keys.misconduct')}</span>
          <span><span className="kbd">Delete</span> {t('keys.clear')}</span>
          <span><span className="kbd">F2</span> {t('keys.edit')}</span>
          <span><span className="kbd">Esc</span> {t('keys.cancel')}</span>
          <span><span className="kbd">H</span> {t('keys.history')}</span>
          <span><span className="kbd">Ctrl+Z</span> {t('keys.undoShort')}</span>
        </div>
        {!s || !r ? (
          <div style={{ height, display: 'grid', placeItems: 'center' }}>
            <Spin />
          </div>
        ) : r.candidates.length === 0 ? (
          <Empty description={t('results.noCandidates')}>
            <Button type="primary" onClick={() => navigate({ page: 'session', id })}>
              {t('session.importRoster')}
            </Button>
          </Empty>
        ) : (
          <ScoreGrid sessionId={id} parts={parts} initial={r} locked={locked} height={height} onSummary={onSummary} />
        )}
      </Card>
    </div>
  );
}
