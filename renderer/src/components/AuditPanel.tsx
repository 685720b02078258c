// 设置 → 审计: walk the audit chain (audit.verify) and say plainly whether it holds — with the head
// hash to note on paper, or the first entry that does not match — and the latest entries.
import { useState } from 'react';
import { Alert, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { useRpc } from '../useRpc';
import { rpc, type OpResult } from '../rpc';
import { useAction } from '../useAction';
import { settingLabel, settingValue } from './SettingsTable';

type Verification = OpResult<'audit.verify'>;

/** The 64 hex digits in groups of eight, easier to copy by hand onto a paper register. */
export function groupedHash(hash: string): string {
  return hash.replace(/(.{8})(?=.)/g, '$1 ');
}

/** A field of a recorded value by its name in the officer's language; one this window does not know yet shows as stored. */
function fieldLabel(t: Translate, field: string): string {
  const key = `audit.field.${field}` as MessageKey;
  const label = t(key);
  return label === key ? field : label;
}

function fieldValue(t: Translate, field: string, x: unknown): string {
  if (typeof x === 'boolean') return t(x ? 'setting.yes' : 'setting.no');
  if (field === 'level' && typeof x === 'number') return t(`level.${x}` as MessageKey);
  if (field === 'part' && typeof x === 'string') return fieldWord(t, `part.${x}`, x);
  if (field === 'attempt' && typeof x === 'string') return fieldWord(t, `attempt.${x}`, x);
  if (field === 'outcome' && typeof x === 'string') return fieldWord(t, `outcome.${x}`, x);
  if (field === 'status' && typeof x === 'string') return fieldWord(t, `status.${x}`, fieldWord(t, `word.${x}`, fieldWord(t, `audit.status.${x}`, x)));
  if (field === 'role' && typeof x === 'string') return fieldWord(t, `audit.role.${x}`, x);
  return typeof x === 'object' ? JSON.stringify(x) : String(x);
}

function fieldWord(t: Translate, key: string, fallback: string): string {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
}

/** An old or new value in one line, in words: each field by its name (姓名：张伟), a setting's value as its page shows it. */
export function valueText(t: Translate, entry: { entity: string; entityId: string }, v: unknown): string {
  if (v === null || v === undefined) return '';
  if (entry.entity === 'setting' && typeof v === 'string') return settingValue(t, { key: entry.entityId, value: v, type: 'text' });
  if (typeof v !== 'object') return String(v);
  return Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== null && x !== undefined && x !== '')
    .map(([k, x]) => `${fieldLabel(t, k)}：${fieldValue(t, k, x)}`)
    .join('，');
}

/** What an entry is about: a setting by its name, anything else by its kind and number. */
function entityText(t: Translate, entry: { entity: string; entityId: string }): string {
  if (entry.entity === 'setting') return `${t('audit.entity.setting')} ${settingLabel(t, { key: entry.entityId, label: entry.entityId })}`;
  // A result is recorded as enrolment:part (services/results/results.ts).
  const result = entry.entity === 'result' ? /^(\d+):(\w+)$/.exec(entry.entityId) : null;
  if (result) return `${t('audit.entity.result')} ${result[1]} · ${fieldWord(t, `part.${result[2]}`, result[2]!)}`;
  return `${fieldWord(t, `audit.entity.${entry.entity}`, entry.entity)} ${entry.entityId}`;
}

/**
 * The officer's word for an audit action: one worded for its kind of entity first (a result's
 * restore is 恢复保留成绩, a backup's 恢复), then the action's general word; an action this window
 * does not know yet shows as stored.
 */
function actionLabel(t: Translate, entity: string, action: string): string {
  return fieldWord(t, `audit.action.${entity}.${action}`, fieldWord(t, `audit.action.${action}`, action));
}

export function AuditPanel() {
  const { t } = useI18n();
  const recent = useRpc('audit.recent', { limit: 200, offset: 0 });
  const [knownHead, setKnownHead] = useState('');
  const [report, setReport] = useState<Verification | null>(null);
  const { busy, error, run } = useAction();
  const verify = () =>
    run(async () => {
      setReport(null);
      const head = knownHead.replace(/\s+/g, '').toLowerCase();
      setReport(await rpc('audit.verify', head ? { knownHead: head } : {}));
      recent.reload();
    });

  return (
    <>
      <Typography.Paragraph className="muted">{t('audit.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input
          style={{ width: 460 }}
          className="mono"
          allowClear
          value={knownHead}
          onChange={(e) => setKnownHead(e.target.value)}
          placeholder={t('audit.knownHeadPlaceholder')}
          data-testid="audit-known-head"
        />
        <Button type="primary" icon={<SafetyOutlined />} loading={busy} onClick={verify} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      </Space>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      {report ? <VerificationResult report={report} /> : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('audit.recent')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="seq"
        loading={recent.loading}
        dataSource={recent.data ?? []}
        pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: recent.error ? recent.error.message : t('audit.none') }}
        data-testid="audit-recent"
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq', width: 70, className: 'num' },
          { title: t('history.at'), dataIndex: 'at', width: 160, render: (v: string) => v.replace('T', ' ').slice(0, 19) },
          { title: t('history.operator'), width: 100, ellipsis: true, render: (_, r) => r.operatorName ?? r.operator },
          { title: t('audit.entity'), width: 250, ellipsis: true, render: (_, r) => entityText(t, r) },
          { title: t('audit.action'), dataIndex: 'action', width: 110, render: (v: string, r) => <Tag>{actionLabel(t, r.entity, v)}</Tag> },
          { title: t('history.change'), ellipsis: true, render: (_, r) => [valueText(t, r, r.oldValue), valueText(t, r, r.newValue)].filter(Boolean).join(' → ') },
          { title: t('history.reason'), dataIndex: 'reason', width: 160, ellipsis: true },
        ]}
      />
    </>
  );
}

function VerificationResult({ report }: { report: Verification }) {
  const { t } = useI18n();
  return (
    <div data-testid="audit-result">
      {report.ok ? (
        <Alert
          type="success"
          showIcon
          message={t('audit.ok', { n: report.entries })}
          description={
            <>
              <div>{t('audit.headNote', { seq: report.headSeq })}</div>
              <Typography.Text className="mono" style={{ fontSize: 16, letterSpacing: 0.5 }} copyable={{ text: report.headHash }} data-testid="audit-head">
                {groupedHash(report.headHash)}
              </Typography.Text>
            </>
          }
        />
      ) : (
        <Alert
          type="error"
          showIcon
          message={report.firstBad ? t('audit.broken', { seq: report.firstBad.seq }) : !report.appendOnly ? t('audit.notAppendOnly') : t('audit.knownHeadMissing')}
          description={
            <>
              <div data-testid="audit-first-bad">{report.firstBad?.message}</div>
              <div className="muted">{t('audit.brokenHint')}</div>
            </>
          }
        />
      )}
      {!report.appendOnly ? <Alert type="warning" showIcon style={{ marginTop: 8 }} message={t('audit.notAppendOnly')} /> : null}
      {report.knownHeadFound === false ? <Alert type="warning" showIcon style={{ marginTop: 8 }} message={t('audit.knownHeadMissing')} /> : null}
      {report.knownHeadFound === true ? <Alert type="info" showIcon style={{ marginTop: 8 }} message={t('audit.knownHeadFound')} /> : null}
    </div>
  );
}
