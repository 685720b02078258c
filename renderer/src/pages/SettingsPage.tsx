// 设置: the evaluation body, the other settings (certificates, security), the occupation catalogue
// (职业目录: levels, parts and pass marks, 工种, 申报条件), operators, the audit check, backups.
import { Alert, Button, Card, Popconfirm, Space, Tabs, Typography } from 'antd';
import { useI18n } from '../i18n';
import { useRpc } from '../useRpc';
import { rpc } from '../rpc';
import { useAction } from '../useAction';
import { InstitutionForm } from '../components/InstitutionForm';
import { OperatorsPanel } from '../components/OperatorsPanel';
import { AuditPanel } from '../components/AuditPanel';
import { SettingsTable } from '../components/SettingsTable';
import { BackupsPanel } from '../components/BackupsPanel';
import { LanPanel } from '../components/LanPanel';
import { CataloguePanel } from '../components/catalogue/CataloguePanel';

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
            { key: 'catalogue', label: t('catalogue.tab'), children: <CataloguePanel /> },
            { key: 'operators', label: t('settings.operators'), children: <OperatorsPanel /> },
            { key: 'audit', label: t('settings.audit'), children: <AuditPanel /> },
            { key: 'backup', label: t('settings.backup'), children: <BackupsPanel /> },
            { key: 'lan', label: t('lan.tab'), children: <LanPanel /> },
            { key: 'demo', label: t('demo.title'), children: <DemoData /> },
          ]}
        />
      </Card>
    </div>
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
