// 设置: the evaluation body, the other settings (certificates, security), pass marks, operators, the audit check, backups.
import { useState } from 'react';
import { Alert, Button, Card, Input, Modal, Popconfirm, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../i18n';
import { useRpc } from '../useRpc';
import { rpc } from '../rpc';
import { useAction } from '../useAction';
import { InstitutionForm } from '../components/InstitutionForm';
import { OperatorsPanel } from '../components/OperatorsPanel';
import { AuditPanel } from '../components/AuditPanel';
import { levelLabel } from '../labels';

export function SettingsPage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <div className="page-head">
        <h2>{t('nav.settings')}</h2>
      </div>
      <Card size="small">
        <Tabs
          items={[
            { key: 'institution', label: t('settings.institution'), children: <div style={{ maxWidth: 720 }}><InstitutionForm submitLabel={t('common.save')} /></div> },
            { key: 'other', label: t('settings.other'), children: <OtherSettings /> },
            { key: 'passMarks', label: t('settings.passMarks'), children: <PassMarks /> },
            { key: 'operators', label: t('settings.operators'), children: <OperatorsPanel /> },
            { key: 'audit', label: t('settings.audit'), children: <AuditPanel /> },
            { key: 'backup', label: t('settings.backup'), children: <Backups /> },
            { key: 'demo', label: t('demo.title'), children: <DemoData /> },
          ]}
        />
      </Card>
    </div>
  );
}

function OtherSettings() {
  const { t } = useI18n();
  const list = useRpc('settings.list', {});
  const [editing, setEditing] = useState<{ key: string; label: string; value: string } | null>(null);
  const { busy, error, setError, run } = useAction();
  const save = async () => {
    if (!editing) return;
    await run(async () => {
      await rpc('settings.set', { key: editing.key, value: editing.value });
      setEditing(null);
      list.reload();
    });
  };
  return (
    <>
      {list.error ? <Alert type="error" showIcon message={list.error.message} /> : null}
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        loading={list.loading}
        dataSource={(list.data ?? []).filter((s) => !s.key.startsWith('institution.'))}
        columns={[
          { title: t('settings.item'), dataIndex: 'label' },
          { title: t('settings.value'), dataIndex: 'value', width: 280, ellipsis: true, render: (v: string) => (v === '' ? <span className="muted">{t('settings.unset')}</span> : v) },
          {
            title: '',
            width: 80,
            render: (_, r) => (
              <Button size="small" type="link" onClick={() => (setError(null), setEditing({ ...r }))}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal open={editing !== null} title={editing?.label} onOk={save} onCancel={() => setEditing(null)} okText={t('common.save')} cancelText={t('common.cancel')}>
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Input autoFocus value={editing?.value} onChange={(e) => setEditing((x) => (x ? { ...x, value: e.target.value } : x))} onPressEnter={save} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {editing?.key}
        </Typography.Text>
      </Modal>
    </>
  );
}

function PassMarks() {
  const { t } = useI18n();
  const catalog = useRpc('occupations.list', {});
  const [editing, setEditing] = useState<{ code: string; name: string; level: number; part: string; label: string; value: string } | null>(null);
  const { busy, error, setError, run } = useAction();
  const rows = (catalog.data ?? []).flatMap((o) => o.levels.map((l) => ({ key: `${o.code}-${l.level}`, code: o.code, name: o.name, level: l.level, parts: l.parts })));
  const save = async () => {
    if (!editing) return;
    await run(async () => {
      await rpc('occupations.setPassMark', { occupation: editing.code, level: editing.level, part: editing.part, passMark: editing.value });
      setEditing(null);
      catalog.reload();
    });
  };
  return (
    <>
      <Typography.Paragraph className="muted">{t('settings.passMarksIntro')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="key"
        loading={catalog.loading}
        pagination={{ pageSize: 15, hideOnSinglePage: true }}
        dataSource={rows}
        columns={[
          { title: t('session.occupation'), render: (_, r) => `${r.code} ${r.name}` },
          { title: t('session.level'), dataIndex: 'level', width: 130, render: (v) => levelLabel(t, v) },
          {
            title: t('settings.partsAndMarks'),
            render: (_, r) => (
              <Space size={4} wrap>
                {r.parts.map((p) => (
                  <Tooltip key={p.part} title={t('settings.passMarkEdit')}>
                    <Tag
                      style={{ cursor: 'pointer' }}
                      onClick={() => (setError(null), setEditing({ code: r.code, name: r.name, level: r.level, part: p.part, label: p.label, value: String(p.passMark) }))}
                    >
                      {t('session.partWithMark', { part: p.label, mark: p.passMark })}
                    </Tag>
                  </Tooltip>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing ? t('settings.passMarkTitle', { name: editing.name, level: levelLabel(t, editing.level), part: editing.label }) : ''}
        onOk={save}
        onCancel={() => setEditing(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
      >
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Input autoFocus suffix={t('settings.points')} value={editing?.value} onChange={(e) => setEditing((x) => (x ? { ...x, value: e.target.value } : x))} onPressEnter={save} style={{ width: 160 }} />
        <Typography.Paragraph className="muted" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('settings.passMarkHint')}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

function Backups() {
  const { t } = useI18n();
  const list = useRpc('backup.list', {});
  const state = useAction();
  const create = () =>
    state.run(async () => {
      await rpc('backup.create', {});
      list.reload();
    });
  return (
    <>
      <Typography.Paragraph className="muted">
        {t('welcome.backupFolder')}：<Typography.Text copyable>{list.data?.folder ?? '…'}</Typography.Text>
      </Typography.Paragraph>
      {state.error ? <Alert type="error" showIcon message={state.error} style={{ marginBottom: 12 }} /> : null}
      {/* Backups are an administrator's: a clerk is told so instead of seeing an empty list. */}
      {list.error ? <Alert type="info" showIcon message={list.error.message} style={{ marginBottom: 12 }} /> : null}
      <Button type="primary" loading={state.busy} onClick={create} style={{ marginBottom: 12 }}>
        {t('backup.create')}
      </Button>
      <Table
        size="small"
        rowKey="file"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={list.data?.backups ?? []}
        locale={{ emptyText: t('backup.none') }}
        columns={[
          { title: t('backup.name'), dataIndex: 'name', ellipsis: true },
          { title: t('backup.takenAt'), dataIndex: 'takenAt', width: 200 },
          { title: t('backup.size'), dataIndex: 'bytes', width: 110, className: 'num', render: (v: number) => `${(v / 1024 / 1024).toFixed(1)} MB` },
          { title: t('backup.reason'), dataIndex: 'reason', width: 120 },
        ]}
      />
    </>
  );
}

function DemoData() {
  const { t } = useI18n();
  const status = useRpc('demo.status', {});
  const state = useAction();
  const act = (fn: () => Promise<unknown>) =>
    state.run(async () => {
      await fn();
      status.reload();
    });
  const s = status.data;
  return (
    <>
      {state.error ? <Alert type="error" showIcon message={state.error} style={{ marginBottom: 12 }} /> : null}
      {s?.loaded ? (
        <Alert
          type="warning"
          showIcon
          message={t('demo.loaded', { sessions: s.sessions, candidates: s.candidates, at: (s.loadedAt ?? '').slice(0, 10) })}
          action={
            <Popconfirm title={t('demo.removeConfirm')} okText={t('demo.remove')} cancelText={t('common.cancel')} onConfirm={() => act(() => rpc('demo.remove', {}))}>
              <Button danger loading={state.busy}>
                {t('demo.remove')}
              </Button>
            </Popconfirm>
          }
        />
      ) : (
        <Space direction="vertical">
          <span className="muted">{t('demo.notLoaded')}</span>
          <Typography.Paragraph className="muted">{t('welcome.demoRemovable')}</Typography.Paragraph>
          <Button loading={state.busy} onClick={() => act(() => rpc('demo.load', { size: 'small' }))}>
            {t('demo.load')}
          </Button>
        </Space>
      )}
    </>
  );
}
