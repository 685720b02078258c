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
import { SettingsTable } from '../components/SettingsTable';
import { BackupsPanel } from '../components/BackupsPanel';
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
            { key: 'other', label: t('settings.other'), children: <SettingsTable /> },
            { key: 'passMarks', label: t('settings.passMarks'), children: <PassMarks /> },
            { key: 'operators', label: t('settings.operators'), children: <OperatorsPanel /> },
            { key: 'audit', label: t('settings.audit'), children: <AuditPanel /> },
            { key: 'backup', label: t('settings.backup'), children: <BackupsPanel /> },
            { key: 'demo', label: t('demo.title'), children: <DemoData /> },
          ]}
        />
      </Card>
    </div>
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
      await rpc('occupations.setPart', { occupation: editing.code, level: editing.level, part: editing.part, passMark: editing.value });
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
