// 套打校准: pre-printed certificate stock never sits exactly where the layout expects it. The officer
// prints the test page, lays it on a blank certificate against the light, and moves every field by
// the x/y offsets in millimetres kept in the settings (certificate.stockOffsetX / Y).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, InputNumber, Modal, Space, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { downloadFile, rpc } from '../../rpc';
import { useRpc } from '../../useRpc';
import { useAction } from '../../useAction';

const KEYS = { x: 'certificate.stockOffsetX', y: 'certificate.stockOffsetY' } as const;

export function CalibrationModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const settings = useRpc('settings.list', {}, open);
  const [offset, setOffset] = useState<{ x: number | null; y: number | null }>({ x: 0, y: 0 });
  const { busy, error, run } = useAction();

  useEffect(() => {
    const value = (key: string) => Number(settings.data?.find((s) => s.key === key)?.value ?? 0);
    if (settings.data) setOffset({ x: value(KEYS.x), y: value(KEYS.y) });
  }, [settings.data]);

  const save = async () => {
    await rpc('settings.set', { key: KEYS.x, value: String(offset.x ?? 0) });
    await rpc('settings.set', { key: KEYS.y, value: String(offset.y ?? 0) });
  };
  const saveOnly = () =>
    run(async () => {
      await save();
      message.success(t('calibration.saved', { x: offset.x ?? 0, y: offset.y ?? 0 }));
    });
  const testPage = () =>
    run(async () => {
      await save();
      const pdf = await rpc('certificates.calibration', {});
      if ('base64' in pdf) downloadFile(pdf, 'application/pdf');
    });

  return (
    <Modal open={open} title={t('calibration.title')} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>} width={600}>
      <Typography.Paragraph>{t('calibration.steps')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="calibration-error" /> : null}
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={t('calibration.x')}>
          <InputNumber step={0.5} value={offset.x} onChange={(v) => setOffset((o) => ({ ...o, x: v }))} addonAfter={t('calibration.mm')} style={{ width: 150 }} data-testid="offset-x" />
        </Form.Item>
        <Form.Item label={t('calibration.y')}>
          <InputNumber step={0.5} value={offset.y} onChange={(v) => setOffset((o) => ({ ...o, y: v }))} addonAfter={t('calibration.mm')} style={{ width: 150 }} data-testid="offset-y" />
        </Form.Item>
      </Form>
      <Space>
        <Button onClick={saveOnly} loading={busy} data-testid="offset-save">
          {t('common.save')}
        </Button>
        <Button type="primary" icon={<FilePdfOutlined />} loading={busy} onClick={testPage} data-testid="calibration-pdf">
          {t('calibration.print')}
        </Button>
      </Space>
      <Typography.Paragraph className="muted" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('calibration.direction')}
      </Typography.Paragraph>
    </Modal>
  );
}
