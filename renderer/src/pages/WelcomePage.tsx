// First-run guide (docs/用户手册.md § 2): the evaluation body, the first administrator, where data and backups
// live, and an offer of small, removable demo data to try things out.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Space, Steps, Typography } from 'antd';
import { useI18n } from '../i18n';
import { rpc } from '../rpc';
import { useAction } from '../useAction';
import { useRpc } from '../useRpc';
import { navigate } from '../router';
import { InstitutionForm } from '../components/InstitutionForm';

export function WelcomePage() {
  const { t } = useI18n();
  const [step, setStep] = useState(0);
  const finish = () => {
    sessionStorage.setItem('certdesk.welcomeSkipped', '1');
    navigate({ page: 'home' });
  };
  return (
    <div className="page" style={{ maxWidth: 860, margin: '0 auto' }}>
      <div className="page-head">
        <h2>{t('welcome.title')}</h2>
        <Button type="link" onClick={finish} data-testid="welcome-skip">
          {t('welcome.later')}
        </Button>
      </div>
      <Steps
        current={step}
        style={{ marginBottom: 20 }}
        items={[{ title: t('welcome.stepInstitution') }, { title: t('welcome.stepAdmin') }, { title: t('welcome.stepData') }, { title: t('welcome.stepDemo') }]}
      />
      <Card>
        {step === 0 ? (
          <>
            <Typography.Paragraph className="muted">{t('welcome.institutionIntro')}</Typography.Paragraph>
            <InstitutionForm submitLabel={t('welcome.next')} onSaved={() => setStep(1)} />
          </>
        ) : step === 1 ? (
          <AdminStep onDone={() => setStep(2)} />
        ) : step === 2 ? (
          <DataStep onDone={() => setStep(3)} />
        ) : (
          <DemoStep onDone={finish} />
        )}
      </Card>
    </div>
  );
}

function AdminStep({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const status = useRpc('operators.status', {});
  const { busy, error, run } = useAction();
  if (status.data && !status.data.setupRequired) {
    return (
      <Result status="success" title={t('welcome.adminExists')} extra={<Button type="primary" onClick={onDone}>{t('welcome.next')}</Button>} />
    );
  }
  const submit = async (v: { login: string; name: string; password: string }) => {
    await run(async () => {
      const r = await rpc('operators.setup', v);
      // The window is now this administrator's: the shell shows who is acting.
      window.dispatchEvent(new CustomEvent('certdesk:operator', { detail: r.operator.name || r.operator.login }));
      onDone();
    });
  };
  return (
    <Form layout="vertical" onFinish={submit} style={{ maxWidth: 420 }}>
      <Typography.Paragraph className="muted">{t('welcome.adminIntro')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="login" label={t('login.login')} rules={[{ required: true, message: t('login.loginRequired') }]}>
        <Input autoComplete="username" data-testid="admin-login" />
      </Form.Item>
      <Form.Item name="name" label={t('welcome.adminName')} rules={[{ required: true, message: t('welcome.adminNameRequired') }]}>
        <Input data-testid="admin-name" />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, min: 8, message: t('welcome.passwordRule') }]}>
        <Input.Password autoComplete="new-password" data-testid="admin-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('welcome.passwordAgain')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('welcome.passwordAgainRequired') },
          ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('welcome.passwordMismatch')))) }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="admin-password2" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="admin-create">
          {t('welcome.createAdmin')}
        </Button>
        <Button onClick={onDone}>{t('welcome.skipAdmin')}</Button>
      </Space>
    </Form>
  );
}

function DataStep({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const info = useRpc('app.info', {});
  const backups = useRpc('backup.list', {});
  return (
    <>
      <Typography.Paragraph className="muted">{t('welcome.dataIntro')}</Typography.Paragraph>
      <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('welcome.dataFile')}>
          <Typography.Text copyable>{info.data?.database ?? '…'}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('welcome.backupFolder')}>
          <Typography.Text copyable>{backups.data?.folder ?? '…'}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Alert type="info" showIcon message={t('welcome.backupAdvice')} style={{ marginBottom: 16 }} />
      <Button type="primary" onClick={onDone} data-testid="data-next">
        {t('welcome.next')}
      </Button>
    </>
  );
}

function DemoStep({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const state = useAction();
  const load = () =>
    state.run(async () => {
      await rpc('demo.load', { size: 'small' });
      onDone();
    });
  return (
    <>
      <Typography.Paragraph>{t('welcome.demoIntro')}</Typography.Paragraph>
      <Typography.Paragraph className="muted">{t('welcome.demoRemovable')}</Typography.Paragraph>
      {state.error ? <Alert type="error" showIcon message={state.error} style={{ marginBottom: 12 }} /> : null}
      <Space>
        <Button type="primary" loading={state.busy} onClick={load} data-testid="demo-load">
          {t('welcome.demoLoad')}
        </Button>
        <Button onClick={onDone} data-testid="welcome-finish">
          {t('welcome.demoSkip')}
        </Button>
      </Space>
    </>
  );
}
