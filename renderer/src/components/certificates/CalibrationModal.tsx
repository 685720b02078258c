// 套打校准: pre-printed certificate stock never sits exactly where the layout expects it. The officer
// prints the test page, lays it on a blank certificate against the light, and moves every field by
// the x/y offsets in millimetres kept in the settings (certificate.stockOffsetX / Y). Stock whose
// boxes sit elsewhere than the plain-paper certificate's gets each field moved on its own in the
// 套打 layout below (services/certificates/stockLayout.ts).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Divider, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { downloadFile, rpc } from '../../rpc';
import { useRpc } from '../../useRpc';
import { useAction } from '../../useAction';

const KEYS = { x: 'certificate.stockOffsetX', y: 'certificate.stockOffsetY' } as const;

type Field = { key: string; label: string; x: number; y: number; w: number; h?: number; size?: number; moved: boolean };
type Edit = Partial<Record<'x' | 'y' | 'w' | 'h' | 'size', number>> & { reset?: boolean };

export function CalibrationModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const settings = useRpc('settings.list', {}, open);
  const [offset, setOffset] = useState<{ x: number | null; y: number | null }>({ x: 0, y: 0 });
  const { busy, error, run } = useAction();
  const layout = useRpc('certificates.layout', {}, open);
  const [name, setName] = useState('');
  const [edits, setEdits] = useState<Record<string, Edit>>({});

  useEffect(() => {
    if (layout.data) {
      setName(layout.data.name);
      setEdits({});
    }
  }, [layout.data]);

  useEffect(() => {
    const value = (key: string) => Number(settings.data?.find((s) => s.key === key)?.value ?? 0);
    if (settings.data) setOffset({ x: value(KEYS.x), y: value(KEYS.y) });
  }, [settings.data]);

  const save = async () => {
    await rpc('settings.set', { key: KEYS.x, value: String(offset.x ?? 0) });
    await rpc('settings.set', { key: KEYS.y, value: String(offset.y ?? 0) });
    const changes = Object.entries(edits).map(([field, e]) => ({ field, ...e }));
    if (changes.length || name !== (layout.data?.name ?? '')) {
      await rpc('certificates.setLayout', { name, changes });
      layout.reload();
    }
  };
  const edit = (key: string, prop: keyof Edit, v: number | null) => {
    if (v === null) return;
    setEdits((all) => ({ ...all, [key]: { ...all[key], reset: undefined, [prop]: v } }));
  };
  const value = (f: Field, prop: 'x' | 'y' | 'w' | 'h' | 'size') => (edits[f.key]?.reset ? undefined : edits[f.key]?.[prop]) ?? f[prop];
  const numberCell = (prop: 'x' | 'y' | 'w' | 'h' | 'size', step: number) => (_: unknown, f: Field) =>
    f[prop] === undefined ? (
      <span className="muted">—</span>
    ) : (
      <InputNumber size="small" step={step} value={value(f, prop)} onChange={(v) => edit(f.key, prop, v)} style={{ width: 78 }} data-testid={`layout-${f.key}-${prop}`} />
    );
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
    <Modal open={open} title={t('calibration.title')} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>} width={760} styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflowY: 'auto' } }}>
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
      <Divider titlePlacement="start" plain style={{ marginTop: 16 }}>
        {t('layout.title')}
      </Divider>
      <Typography.Paragraph className="muted">{t('layout.hint')}</Typography.Paragraph>
      <Form layout="inline" style={{ marginBottom: 8 }}>
        <Form.Item label={t('layout.name')}>
          <Input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} placeholder={t('layout.namePlaceholder')} style={{ width: 260 }} data-testid="layout-name" />
        </Form.Item>
      </Form>
      <Table<Field>
        size="small"
        rowKey="key"
        pagination={false}
        loading={layout.loading}
        dataSource={(layout.data?.fields ?? []) as Field[]}
        scroll={{ y: 260 }}
        columns={[
          {
            title: t('layout.field'),
            dataIndex: 'label',
            render: (v: string, f) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {v}
                {(f.moved && !edits[f.key]?.reset) || (edits[f.key] && !edits[f.key]!.reset) ? <Tag color="blue" style={{ marginLeft: 6 }}>{t('layout.moved')}</Tag> : null}
              </span>
            ),
          },
          { title: t('layout.x'), width: 90, render: numberCell('x', 0.5) },
          { title: t('layout.y'), width: 90, render: numberCell('y', 0.5) },
          { title: t('layout.w'), width: 90, render: numberCell('w', 1) },
          { title: t('layout.size'), width: 90, render: (_: unknown, f: Field) => (f.key === 'photo' ? numberCell('h', 1)(_, f) : numberCell('size', 0.5)(_, f)) },
          {
            title: '',
            width: 70,
            render: (_: unknown, f: Field) =>
              f.moved || edits[f.key] ? (
                <Button size="small" type="link" onClick={() => setEdits((all) => ({ ...all, [f.key]: { reset: true } }))} data-testid={`layout-${f.key}-reset`}>
                  {t('layout.reset')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button onClick={saveOnly} loading={busy} data-testid="layout-save">
          {t('layout.save')}
        </Button>
        <Button type="primary" icon={<FilePdfOutlined />} loading={busy} onClick={testPage}>
          {t('calibration.print')}
        </Button>
      </Space>
    </Modal>
  );
}
