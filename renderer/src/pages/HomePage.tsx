// 工作台: current sessions and the pass-rate picture (domain.md § Pass rate), with click-through to candidates.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Drawer, Empty, Row, Segmented, Space, Statistic, Table, Tooltip } from 'antd';
import { InfoCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../i18n';
import { useRpc } from '../useRpc';
import { navigate } from '../router';
import { BarChart } from '../components/BarChart';
import { EmptyPage } from '../components/EmptyPage';
import { formatRate, OutcomeTag, StatusTag } from '../labels';
import { groupLabel, PassRateTable, type BreakdownRow } from '../components/PassRateTable';
import { DateField } from '../components/DateField';
import { NewSessionModal } from './SessionsPage';

const GROUPS = ['session', 'occupation', 'level', 'employer', 'month', 'quarter', 'year', 'attempt'] as const;
type Group = (typeof GROUPS)[number];

const PERIODS = ['all', 'thisYear', 'lastYear', 'custom'] as const;
type Period = (typeof PERIODS)[number];
const PERIOD_LABELS = { all: 'home.periodAll', thisYear: 'home.periodThisYear', lastYear: 'home.periodLastYear', custom: 'home.periodCustom' } as const;

/** The exam dates a period covers (passrate filter from/to, inclusive). */
function periodFilter(period: Period, custom: { from: string; to: string }): { from?: string; to?: string } {
  const year = new Date().getFullYear();
  if (period === 'thisYear') return { from: `${year}-01-01`, to: `${year}-12-31` };
  if (period === 'lastYear') return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  if (period === 'custom') return { from: custom.from || undefined, to: custom.to || undefined };
  return {};
}

export function HomePage() {
  const { t } = useI18n();
  const sessions = useRpc('sessions.list', {});
  const [period, setPeriod] = useState<Period>('all');
  const [custom, setCustom] = useState({ from: '', to: '' });
  const filter = periodFilter(period, custom);
  const overall = useRpc('passrate.overall', { filter });
  const [groupBy, setGroupBy] = useState<Group>('session');
  const breakdown = useRpc('passrate.breakdown', { groupBy, filter });
  const [creating, setCreating] = useState(false);
  const [picked, setPicked] = useState<BreakdownRow | null>(null);

  const rows = breakdown.data?.rows ?? [];
  const label = (r: BreakdownRow) => groupLabel(t, groupBy, r);
  const bars = useMemo(
    () =>
      rows.map((r) => ({
        key: r.key,
        label: label(r),
        percent: r.passRate === null ? null : r.passRate * 100,
        tooltip: t('home.barTooltip', { label: label(r), passed: r.passed, sat: r.sat, rate: formatRate(r.passRate) }),
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, t],
  );
  const s = overall.data?.summary;
  const current = (sessions.data ?? []).filter((x) => x.status !== 'finalized');
  // The list follows the period as the figures do: a session outside it is not counted above either.
  const inPeriod = (date: string) => (!filter.from || date >= filter.from) && (!filter.to || date <= filter.to);
  const recent = (sessions.data ?? []).filter((x) => inPeriod(x.examDate)).slice(0, 8);

  if (sessions.data && sessions.data.length === 0) {
    return (
      <EmptyPage
        title={t('nav.home')}
        description={t('home.emptySessions')}
        action={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="home-new-session">
              {t('sessions.new')}
            </Button>
            <NewSessionModal open={creating} onClose={() => setCreating(false)} />
          </>
        }
      />
    );
  }

  return (
    <div className="page">
      <div className="page-head">
        <h2>{t('nav.home')}</h2>
        <Space wrap>
          <span className="muted">{t('home.currentCount', { n: current.length })}</span>
          <span>{t('home.period')}</span>
          <Segmented value={period} onChange={(v) => setPeriod(v as Period)} options={PERIODS.map((p) => ({ value: p, label: t(PERIOD_LABELS[p]) }))} data-testid="home-period" />
          {period === 'custom' ? (
            <span>
              <DateField value={custom.from} onChange={(from) => setCustom((c) => ({ ...c, from }))} width={140} testId="home-from" /> —{' '}
              <DateField value={custom.to} onChange={(to) => setCustom((c) => ({ ...c, to }))} width={140} testId="home-to" />
            </span>
          ) : null}
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="home-new-session">
            {t('sessions.new')}
          </Button>
        </Space>
      </div>
      {overall.error ? <Alert type="error" showIcon message={overall.error.message} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {(
          [
            ['registeredTimes', s?.registered],
            ['satTimes', s?.sat],
            ['passedTimes', s?.passed],
          ] as const
        ).map(([k, v]) => (
          <Col span={6} key={k}>
            <Card size="small" className="stat-card" style={{ height: '100%' }}>
              {/* Over several sessions a person who sat 正考 and 补考 counts twice: 人次. */}
              <Statistic title={<Tooltip title={t('flow.personTimesNote')}>{t(`figure.${k}` as MessageKey)}</Tooltip>} value={v ?? '—'} />
            </Card>
          </Col>
        ))}
        <Col span={6}>
          <Card size="small" className="stat-card" style={{ height: '100%' }}>
            <Statistic
              title={
                <span>
                  {t('figure.passRate')}{' '}
                  <Tooltip title={t('figure.formula')}>
                    <InfoCircleOutlined />
                  </Tooltip>
                </span>
              }
              valueRender={() => <span data-figure="overall-pass-rate">{formatRate(s?.passRate ?? null)}</span>}
            />
            <div className="muted" style={{ fontSize: 12 }}>
              {t('figure.passRateOfRegistered')} {formatRate(s?.passRateOfRegistered ?? null)}
            </div>
          </Card>
        </Col>
      </Row>

      <Card
        size="small"
        title={t('home.sessionsTitle')}
        style={{ marginBottom: 16 }}
        extra={<Button size="small" type="link" onClick={() => navigate({ page: 'sessions' })}>{t('home.allSessions')}</Button>}
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          loading={sessions.loading}
          dataSource={recent}
          locale={{ emptyText: t('home.noSessionsInPeriod') }}
          onRow={(r) => ({ onDoubleClick: () => navigate({ page: 'session', id: r.id }) })}
          columns={[
            { title: t('session.name'), dataIndex: 'name', ellipsis: true },
            { title: t('session.date'), dataIndex: 'examDate', width: 110 },
            { title: t('session.status'), dataIndex: 'status', width: 90, render: (v) => <StatusTag t={t} status={v} /> },
            { title: t('figure.registered'), width: 96, className: 'num', render: (_, r) => r.summary.registered },
            { title: t('figure.passed'), width: 96, className: 'num', render: (_, r) => r.summary.passed },
            {
              title: t('figure.passRate'),
              width: 90,
              className: 'num',
              render: (_, r) => <span data-session-rate={r.id}>{formatRate(r.summary.passRate)}</span>,
            },
            {
              title: '',
              width: 170,
              render: (_, r) => (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => navigate({ page: 'session', id: r.id })}>
                    {t('common.open')}
                  </Button>
                  {r.status !== 'finalized' ? (
                    <Button size="small" type="link" onClick={() => navigate({ page: 'results', id: r.id })}>
                      {t('session.enterResults')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={
          <span>
            {t('home.breakdownTitle')} <span className="muted" style={{ fontWeight: 400, fontSize: 12 }}>{t('home.clickHint')}</span>
          </span>
        }
        extra={
          <Segmented
            size="small"
            value={groupBy}
            onChange={(v) => setGroupBy(v as Group)}
            options={GROUPS.map((g) => ({ value: g, label: t(`group.${g}` as MessageKey) }))}
          />
        }
      >
        {rows.length === 0 && !breakdown.loading ? (
          <Empty description={t(period !== 'all' && recent.length === 0 ? 'home.noSessionsInPeriod' : 'home.noFigures')} />
        ) : (
          <>
            <BarChart bars={bars} onPick={(key) => setPicked(rows.find((r) => r.key === key) ?? null)} />
            <PassRateTable rows={rows} groupBy={groupBy} loading={breakdown.loading} onPick={setPicked} />
            <div className="muted" style={{ fontSize: 12, marginTop: 8 }}>
              {t('figure.formula')}
            </div>
          </>
        )}
      </Card>
      <FigureDrawer groupBy={groupBy} filter={filter} row={picked} label={picked ? label(picked) : ''} onClose={() => setPicked(null)} />
      <NewSessionModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

function FigureDrawer({ groupBy, filter, row, label, onClose }: { groupBy: Group; filter: { from?: string; to?: string }; row: BreakdownRow | null; label: string; onClose: () => void }) {
  const { t } = useI18n();
  const people = useRpc('desk.figureCandidates', { groupBy, key: row?.key ?? '', filter }, row !== null);
  return (
    <Drawer open={row !== null} onClose={onClose} width={760} title={t('home.drillTitle', { label })}>
      {row ? (
        <p className="muted">
          {t(groupBy === 'session' ? 'home.drillSummary' : 'home.drillSummaryTimes', { registered: row.registered, sat: row.sat, passed: row.passed, rate: formatRate(row.passRate) })}
        </p>
      ) : null}
      <Table
        size="small"
        rowKey="enrolmentId"
        loading={people.loading}
        dataSource={row ? (people.data ?? []) : []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('candidate.name'), dataIndex: 'name', width: 90 },
          { title: t('candidate.idNumber'), dataIndex: 'idNumber', width: 180 },
          { title: t('candidate.employer'), dataIndex: 'employer', ellipsis: true },
          ...(groupBy === 'session' ? [] : [{ title: t('session.name'), dataIndex: 'sessionName', ellipsis: true }]),
          { title: t('results.outcome'), dataIndex: 'outcome', width: 80, render: (v) => <OutcomeTag t={t} outcome={v} /> },
        ]}
      />
    </Drawer>
  );
}
