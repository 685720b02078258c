// Who changed a score, when, from what to what (the audit trail, audit.history). Opened with H in the grid.
import { Drawer, Table, Tag } from 'antd';
import { useI18n, type Translate } from '../i18n';
import { useRpc } from '../useRpc';
import { scoreText } from './cells';

export interface HistoryTarget {
  enrolmentId: number;
  part: string;
  name: string;
  partLabel: string;
}

/** A stored score as the officer says it: 85, 85（保留）, 缺考, 违纪（夹带）, or （空） before anything was keyed. */
export function describeScore(t: Translate, v: unknown): string {
  const r = v as { status?: string; score?: number | null; note?: string; carriedFrom?: number } | null;
  if (!r || !r.status) return t('grid.empty');
  if (r.status === 'absent') return t('word.absent');
  if (r.status === 'misconduct') return r.note ? `${t('word.misconduct')}（${r.note}）` : t('word.misconduct');
  if (r.carriedFrom !== undefined && r.score !== null && r.score !== undefined) return `${scoreText(r.score)}（${t('grid.carriedShort')}）`;
  return r.score === null || r.score === undefined ? '' : scoreText(r.score);
}

export function ScoreHistory({ target, onClose }: { target: HistoryTarget | null; onClose: () => void }) {
  const { t } = useI18n();
  const history = useRpc('audit.history', { entity: 'result', entityId: target ? `${target.enrolmentId}:${target.part}` : '' }, target !== null);
  return (
    <Drawer open={target !== null} onClose={onClose} width={620} title={target ? t('history.title', { name: target.name, part: target.partLabel }) : ''}>
      <Table
        size="small"
        rowKey="seq"
        pagination={false}
        loading={history.loading}
        dataSource={target ? [...(history.data ?? [])].reverse() : []}
        locale={{ emptyText: history.error ? history.error.message : t('history.none') }}
        columns={[
          { title: t('history.at'), dataIndex: 'at', width: 170, render: (v: string) => v.replace('T', ' ').slice(0, 19) },
          { title: t('history.operator'), width: 110, render: (_, r) => r.operatorName ?? r.operator },
          { title: t('history.change'), width: 140, render: (_, r) => `${describeScore(t, r.oldValue)} → ${describeScore(t, r.newValue)}` },
          {
            title: t('history.reason'),
            dataIndex: 'reason',
            // A correction after finalizing stands out from ordinary keying: it changed a locked result.
            render: (v: string | null, r) => (
              <>
                {r.action === 'correct' ? <Tag color="orange">{t('correction.tag')}</Tag> : null}
                {v}
              </>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
