// The lock screen: shown when accounts exist and this window is not (or no longer) logged in.
import { Alert, Button, Card, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { rpc } from '../rpc';
import { useAction } from '../useAction';

export function LoginScreen({ reason, onLoggedIn }: { reason: string | null; onLoggedIn: (name: string) => void }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const submit = async (v: { login: string; password: string }) => {
    await run(async () => {
      const r = await rpc('operators.login', v);
      onLoggedIn(r.operator.name || r.operator.login);
    });
  };
  return (
    <div style={{ height: '100%', display: 'grid', placeItems: 'center', background: 'linear-gradient(160deg, #0f2a4d 0%, #1f5fbf 100%)' }}>
      <Card style={{ width: 380 }} title={<span><span className="brand-mark" style={{ display: 'inline-grid', color: '#fff', marginRight: 8 }}>证</span>{t('login.title')}</span>}>
        {reason ? <Alert type="warning" showIcon message={reason} style={{ marginBottom: 12 }} /> : null}
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Form layout="vertical" onFinish={submit}>
          <Form.Item name="login" label={t('login.login')} rules={[{ required: true, message: t('login.loginRequired') }]}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
