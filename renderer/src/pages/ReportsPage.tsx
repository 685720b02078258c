// 报表: pass rates for a period, broken down the way the association reports upward, and the
// spreadsheets officers hand on (exports live in services/spreadsheets).
import { useState } from 'react';
import { Alert, Card, Segmented, Space, Typography } from 'antd';
import { useI18n, type MessageKey } from '../i18n';
import { useRpc } from '../useRpc';
import { formatRate } from '../labels';
import type { Attempt } from '../../../services/vocabulary/words';
import { PassRateTable } from '../components/PassRateTable';
import { ExportMenu, scopeExports } from '../components/ExportButtons';
import { DateField } from '../components/DateField';
import { UploadPanel } from '../components/exchange/UploadPanel';

const GROUPS = ['occupation', 'specialty', 'level', 'employer', 'month', 'quarter', 'year', 'attempt', 'session'] as const;
type Group = (typeof GROUPS)[number];

export function ReportsPage() {
  const { t } = useI18n();
  const year = String(new Date().getFullYear());
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [attempt, setAttempt] = useState<'all' | Attempt>('all');
  const [groupBy, setGroupBy] = useState<Group>('occupation');
  const filter = { from: from || undefined, to: to || undefined, attempt: attempt === 'all' ? undefined : attempt };
  const breakdown = useRpc('passrate.breakdown', { groupBy, filter });
  const overall = useRpc('passrate.overall', { filter });
  const s = overall.data?.summary;

  return (
    <div className="page">
      <div className="page-head">
        <h2>{t('nav.reports')}</h2>
        <ExportMenu choices={scopeExports({ from: filter.from, to: filter.to })} testId="report-export" />
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size={16}>
          <span>
            {t('reports.period')}{' '}
            <DateField value={from} onChange={setFrom} width={150} /> —{' '}
            <DateField value={to} onChange={setTo} width={150} />
          </span>
          <Segmented
            value={attempt}
            onChange={(v) => setAttempt(v as typeof attempt)}
            options={[
              { value: 'all', label: t('reports.allAttempts') },
              { value: 'first', label: t('reports.firstOnly') },
              { value: 'retake', label: t('attempt.retake') },
            ]}
          />
        </Space>
      </Card>
      {breakdown.error ? <Alert type="error" showIcon message={breakdown.error.message} style={{ marginBottom: 12 }} /> : null}
      <Card
        size="small"
        title={s ? t('reports.headline', { registered: s.registered, sat: s.sat, passed: s.passed, rate: formatRate(s.passRate) }) : ' '}
        extra={<Segmented size="small" value={groupBy} onChange={(v) => setGroupBy(v as Group)} options={GROUPS.map((g) => ({ value: g, label: t(`group.${g}` as MessageKey) }))} />}
      >
        <PassRateTable rows={breakdown.data?.rows ?? []} groupBy={groupBy} loading={breakdown.loading} />
        <Typography.Paragraph className="muted" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {t('figure.formula')}
        </Typography.Paragraph>
      </Card>
      <UploadPanel from={filter.from} to={filter.to} />
    </div>
  );
}
