// Every figure of a pass-rate breakdown (domain.md § Pass rate: report them all, label the formula).
import { Table } from 'antd';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { formatRate, levelLabel } from '../labels';
import type { OpResult } from '../rpc';

export type BreakdownRow = OpResult<'passrate.breakdown'>['rows'][number];

/** What a group is called on screen: levels in the officer's language, the rest as the server names them. */
export function groupLabel(t: Translate, groupBy: string, row: BreakdownRow): string {
  return groupBy === 'level' ? levelLabel(t, Number(row.key)) : row.label;
}

export function PassRateTable({ rows, groupBy, loading, onPick }: { rows: BreakdownRow[]; groupBy: string; loading: boolean; onPick?: (row: BreakdownRow) => void }) {
  const { t } = useI18n();
  // A row of one session counts people; any other row adds sessions up, so a person may count twice: 人次.
  const times = groupBy !== 'session';
  const figure = (key: 'registered' | 'absent' | 'sat' | 'passed' | 'pending') => ({
    title: t(times && key !== 'pending' ? (`figure.${key}Times` as const) : (`figure.${key}` as const)),
    dataIndex: key,
    width: 96,
    className: 'num',
  });
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      loading={loading}
      dataSource={rows}
      locale={{ emptyText: t('home.noFigures') }}
      onRow={onPick ? (r) => ({ onClick: () => onPick(r), style: { cursor: 'pointer' } }) : undefined}
      columns={[
        { title: t(`group.${groupBy}` as MessageKey), render: (_, r) => groupLabel(t, groupBy, r), ellipsis: true },
        figure('registered'),
        figure('absent'),
        figure('sat'),
        figure('passed'),
        figure('pending'),
        { title: t('figure.passRate'), width: 90, className: 'num', render: (_, r) => formatRate(r.passRate) },
        { title: t('figure.passRateOfRegistered'), width: 136, className: 'num', render: (_, r) => formatRate(r.passRateOfRegistered) },
      ]}
    />
  );
}
