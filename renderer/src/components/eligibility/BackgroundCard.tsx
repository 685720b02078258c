// 申报资料 on a person's page: what their 申报条件 are checked against besides CertDesk's own
// certificates — 参加工作时间, 文化程度 with 毕业时间, and certificates from elsewhere (原证书) and
// training recorded for them (docs/eligibility.md § A person's history). Keyed here, a refused
// enrolment can be tried again without an override.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Segmented, Select, Space, Table } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n';
import { useRpc } from '../../useRpc';
import { rpc, type OpResult } from '../../rpc';
import { useAction } from '../../useAction';
import { occupationMatches } from '../catalogue/CataloguePanel';
import { EDUCATIONS, LEVELS, shortLevel } from '../catalogue/words';

type Background = OpResult<'credentials.list'>;
type Credential = Background['credentials'][number];

/** `onChanged`: the page's own copy of 文化程度 (the same field) is read again after an edit. */
export function BackgroundCard({ idNumber, onChanged }: { idNumber: string; onChanged?: () => void }) {
  const { t } = useI18n();
  const background = useRpc('credentials.list', { idNumber });
  const [dialog, setDialog] = useState<'background' | 'credential' | null>(null);
  const b = background.data;
  const saved = () => {
    setDialog(null);
    background.reload();
    onChanged?.();
  };
  return (
    <Card
      size="small"
      title={t('background.title')}
      style={{ marginBottom: 12 }}
      data-testid="person-background"
      extra={
        <Space>
          <Button size="small" icon={<EditOutlined />} onClick={() => setDialog('background')} data-testid="background-edit">
            {t('background.edit')}
          </Button>
          <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('credential')} data-testid="credential-add">
            {t('background.addCredential')}
          </Button>
        </Space>
      }
    >
      {background.error ? <Alert type="warning" showIcon message={background.error.message} style={{ marginBottom: 8 }} /> : null}
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t('background.workStart')}>{b?.workStartDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('candidate.education')}>{b?.education ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('background.graduation')}>{b?.graduationDate ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Table<Credential>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={b?.credentials ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('background.noCredentials')} /> }}
        data-testid="person-credentials"
        columns={[
          { title: t('background.kind'), width: 100, render: (_, c) => t(c.kind === 'training' ? 'background.training' : 'background.certificate') },
          { title: t('person.occupationLevel'), render: (_, c) => `${c.occupation} · ${shortLevel(t, c.level)}${c.occupationCode ? '' : ` ${t('background.notInCatalogue')}`}` },
          { title: t('background.date'), dataIndex: 'date', width: 110 },
          { title: t('person.certificateNumber'), dataIndex: 'number', width: 230, render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—') },
          { title: t('background.issuer'), dataIndex: 'issuer', render: (v: string | null) => v ?? '—' },
        ]}
      />
      {b ? <BackgroundModal open={dialog === 'background'} background={b} onClose={() => setDialog(null)} onSaved={saved} /> : null}
      <CredentialModal open={dialog === 'credential'} idNumber={idNumber} onClose={() => setDialog(null)} onSaved={saved} />
    </Card>
  );
}

function BackgroundModal({ open, background: b, onClose, onSaved }: { open: boolean; background: Background; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ workStartDate?: string; education?: string; graduationDate?: string }>();
  const { busy, error, run } = useAction();
  const save = async () => {
    const v = await form.validateFields();
    await run(async () => {
      // An emptied field clears what was recorded; the server reads 2018-03 as 2018-03-01.
      await rpc('candidates.setBackground', { idNumber: b.idNumber, workStartDate: v.workStartDate ?? '', education: v.education ?? '', graduationDate: v.graduationDate ?? '' });
      message.success(t('background.saved'));
      onSaved();
    });
  };
  return (
    <Modal open={open} title={t('background.editTitle', { name: b.name })} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="background-error" /> : null}
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ workStartDate: b.workStartDate ?? '', education: b.education ?? undefined, graduationDate: b.graduationDate ?? '' }}>
        <Form.Item name="workStartDate" label={t('background.workStart')} extra={t('background.dateHint')}>
          <Input placeholder="2018-03" style={{ width: 200 }} data-testid="background-work-start" />
        </Form.Item>
        <Form.Item name="education" label={t('candidate.education')}>
          <Select allowClear style={{ width: 200 }} options={EDUCATIONS.map((e) => ({ value: e, label: e }))} />
        </Form.Item>
        <Form.Item name="graduationDate" label={t('background.graduation')} extra={t('background.dateHint')}>
          <Input placeholder="2017-07-01" style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CredentialForm {
  kind: 'certificate' | 'training';
  occupation: string;
  level: number;
  date: string;
  number?: string;
  issuer?: string;
}

function CredentialModal({ open, idNumber, onClose, onSaved }: { open: boolean; idNumber: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const catalog = useRpc('occupations.list', {}, open);
  const [form] = Form.useForm<CredentialForm>();
  const { busy, error, run } = useAction();
  const kind = Form.useWatch('kind', form);
  const save = async () => {
    const v = await form.validateFields();
    await run(async () => {
      await rpc('credentials.add', { idNumber, ...v, number: v.number || undefined, issuer: v.issuer || undefined });
      message.success(t('background.credentialSaved'));
      onSaved();
    });
  };
  return (
    <Modal open={open} title={t('background.addCredential')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="credential-error" /> : null}
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ kind: 'certificate' }}>
        <Form.Item name="kind">
          <Segmented
            options={[
              { value: 'certificate', label: t('background.certificate') },
              { value: 'training', label: t('background.training') },
            ]}
          />
        </Form.Item>
        <Form.Item name="occupation" label={t('session.occupation')} rules={[{ required: true, message: t('sessions.occupationRequired') }]}>
          <Select
            showSearch
            data-testid="credential-occupation"
            placeholder={t('sessions.occupationPlaceholder')}
            filterOption={(input, option) => !!option && occupationMatches(option.occupation, input)}
            options={(catalog.data ?? []).map((o) => ({ value: o.code, label: `${o.code} ${o.name}`, occupation: o }))}
          />
        </Form.Item>
        <Space align="start">
          <Form.Item name="level" label={t('session.level')} rules={[{ required: true, message: t('clause.levelRequired') }]}>
            <Select style={{ width: 120 }} options={LEVELS.map((l) => ({ value: l, label: shortLevel(t, l) }))} data-testid="credential-level" />
          </Form.Item>
          <Form.Item
            name="date"
            label={t(kind === 'training' ? 'background.trainingDate' : 'background.date')}
            rules={[{ required: true, pattern: /^\d{4}-\d{1,2}(-\d{1,2})?$/, message: t('background.dateRequired') }]}
          >
            <Input placeholder="2020-03-15" style={{ width: 160 }} data-testid="credential-date" />
          </Form.Item>
        </Space>
        {kind === 'training' ? null : (
          <>
            <Form.Item name="number" label={t('person.certificateNumber')}>
              <Input className="mono" />
            </Form.Item>
            <Form.Item name="issuer" label={t('background.issuer')}>
              <Input />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
