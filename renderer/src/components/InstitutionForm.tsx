// The evaluation body's details (评价机构): used by the first-run guide and by 设置.
import { useEffect, useState } from 'react';
import { Alert, Button, Col, Form, Input, Radio, Row } from 'antd';
import { useI18n } from '../i18n';
import { rpc } from '../rpc';
import { useAction } from '../useAction';

type Values = Record<'name' | 'type' | 'code' | 'province' | 'site' | 'address', string>;
const KEYS = ['name', 'type', 'code', 'province', 'site', 'address'] as const;

export function InstitutionForm({ onSaved, submitLabel }: { onSaved?: () => void; submitLabel: string }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    rpc('settings.list', {}).then((list) => {
      const v: Partial<Values> = {};
      for (const k of KEYS) v[k] = list.find((s) => s.key === `institution.${k}`)?.value ?? '';
      form.setFieldsValue(v);
    }, () => undefined);
  }, [form]);

  const save = async (v: Values) => {
    setSaved(false);
    await run(async () => {
      // Only what was filled in: a province or site left blank can be set later, before certificates.
      for (const k of KEYS) if ((v[k] ?? '').trim() !== '' || k === 'address') await rpc('settings.set', { key: `institution.${k}`, value: v[k] ?? '' });
      setSaved(true);
      onSaved?.();
    });
  };

  return (
    <Form form={form} layout="vertical" onFinish={save} initialValues={{ type: 'S', code: '0000' }}>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="institution-error" /> : null}
      {saved && !onSaved ? <Alert type="success" showIcon message={t('settings.saved')} style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="name" label={t('institution.name')} rules={[{ required: true, whitespace: true, message: t('institution.nameRequired') }]} extra={t('institution.nameHint')}>
        <Input maxLength={100} data-testid="institution-name" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="type" label={t('institution.type')}>
            <Radio.Group
              options={[
                { value: 'S', label: t('institution.typeS') },
                { value: 'Y', label: t('institution.typeY') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="code" label={t('institution.code')} extra={t('institution.codeHint')}>
            <Input maxLength={4} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="province" label={t('institution.province')} extra={t('institution.provinceHint')}>
            <Input maxLength={2} data-testid="institution-province" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="site" label={t('institution.site')} extra={t('institution.siteHint')}>
            <Input maxLength={6} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={t('institution.address')}>
        <Input maxLength={200} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="institution-save">
        {submitLabel}
      </Button>
    </Form>
  );
}
