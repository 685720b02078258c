// 设置 → 操作员: the accounts that may work at this desk (录入员 / 管理员). An account is disabled,
// never deleted, so the audit trail keeps naming who did what.
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useI18n } from '../i18n';
import { useRpc } from '../useRpc';
import { rpc, type OpResult } from '../rpc';
import { useAction } from '../useAction';

type Operator = OpResult<'operators.list'>[number];

export function OperatorsPanel() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = useRpc('operators.list', {});
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<Operator | null>(null);
  const [password, setPassword] = useState('');
  const dialog = useAction();
  const row = useAction();
  const [form] = Form.useForm<{ login: string; name: string; role: 'clerk' | 'admin' | 'judge'; password: string }>();

  const add = async () => {
    const v = await form.validateFields();
    await dialog.run(async () => {
      await rpc('operators.add', v);
      setAdding(false);
      list.reload();
    });
  };
  const toggle = (op: Operator) =>
    row.run(async () => {
      await rpc('operators.disable', { login: op.login, disabled: !op.disabled });
      message.success(t(op.disabled ? 'operators.enabledNow' : 'operators.disabledNow', { name: op.name }));
      list.reload();
    });
  const reset = () =>
    dialog.run(async () => {
      await rpc('operators.setPassword', { login: resetting!.login, password });
      message.success(t('operators.passwordReset', { name: resetting!.name }));
      setResetting(null);
    });

  return (
    <>
      {list.error ? <Alert type="warning" showIcon message={list.error.message} style={{ marginBottom: 12 }} /> : null}
      {row.error ? <Alert type="error" showIcon message={row.error} style={{ marginBottom: 12 }} data-testid="operators-error" /> : null}
      <Button style={{ marginBottom: 12 }} onClick={() => (dialog.setError(null), form.resetFields(), setAdding(true))} data-testid="operator-add">
        {t('operators.add')}
      </Button>
      <Table
        size="small"
        rowKey="login"
        pagination={false}
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('operators.none') }}
        data-testid="operators"
        columns={[
          { title: t('login.login'), dataIndex: 'login', className: 'mono' },
          { title: t('welcome.adminName'), dataIndex: 'name' },
          { title: t('operators.role'), dataIndex: 'role', render: (v: string) => (v === 'admin' ? t('operators.admin') : v === 'judge' ? t('operators.judge') : t('operators.clerk')) },
          { title: t('operators.state'), dataIndex: 'disabled', render: (v: boolean) => (v ? <Tag>{t('operators.disabled')}</Tag> : <Tag color="green">{t('operators.enabled')}</Tag>) },
          {
            title: '',
            width: 200,
            render: (_, op) => (
              <Space size={0}>
                <Popconfirm
                  title={t(op.disabled ? 'operators.enableConfirm' : 'operators.disableConfirm', { name: op.name })}
                  okText={t('common.yesDo')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => toggle(op)}
                >
                  <Button size="small" type="link" danger={!op.disabled} data-testid={`operator-toggle-${op.login}`}>
                    {op.disabled ? t('operators.enable') : t('operators.disable')}
                  </Button>
                </Popconfirm>
                <Button size="small" type="link" onClick={() => (dialog.setError(null), setPassword(''), setResetting(op))} data-testid={`operator-password-${op.login}`}>
                  {t('operators.resetPassword')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal open={adding} title={t('operators.add')} onOk={add} confirmLoading={dialog.busy} onCancel={() => setAdding(false)} okText={t('common.save')} cancelText={t('common.cancel')}>
        {dialog.error ? <Alert type="error" showIcon message={dialog.error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" initialValues={{ role: 'clerk' }}>
          <Form.Item name="login" label={t('login.login')} rules={[{ required: true, message: t('login.loginRequired') }]}>
            <Input data-testid="operator-login" />
          </Form.Item>
          <Form.Item name="name" label={t('welcome.adminName')} rules={[{ required: true, message: t('welcome.adminNameRequired') }]}>
            <Input data-testid="operator-name" />
          </Form.Item>
          <Form.Item name="role" label={t('operators.role')}>
            <Select options={[{ value: 'clerk', label: t('operators.clerk') }, { value: 'admin', label: t('operators.admin') }, { value: 'judge', label: t('operators.judge') }]} />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('welcome.passwordRule') }]}>
            <Input.Password data-testid="operator-password" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={resetting !== null}
        title={t('operators.resetTitle', { name: resetting?.name ?? '' })}
        onOk={reset}
        okButtonProps={{ disabled: password === '', loading: dialog.busy }}
        onCancel={() => setResetting(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
      >
        {dialog.error ? <Alert type="error" showIcon message={dialog.error} style={{ marginBottom: 12 }} data-testid="password-error" /> : null}
        <p className="muted">{t('operators.resetHint')}</p>
        <Input.Password autoFocus value={password} onChange={(e) => setPassword(e.target.value)} onPressEnter={reset} placeholder={t('operators.newPassword')} data-testid="new-password" />
      </Modal>
    </>
  );
}
