// 会员单位: the registry, a new member, a 更名 merge, and a year's figures per member with the
// workbook and the feedback sheets (docs/members.md).
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useRpc } from '../useRpc';
import { downloadFile, rpc } from '../rpc';
import { errorText, useAction } from '../useAction';
import { formatRate } from '../labels';
import { DateField } from '../components/DateField';
import { usePdfDownload } from '../components/printing/usePdfDownload';
import { MEMBER_CATEGORIES } from '../../../services/members/categories';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function MembersPage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <div className="page-head">
        <h2>{t('nav.members')}</h2>
      </div>
      <Tabs
        items={[
          { key: 'list', label: t('members.list'), children: <MemberList /> },
          { key: 'report', label: t('members.report'), children: <MemberReport /> },
        ]}
      />
    </div>
  );
}

function MemberList() {
  const { t } = useI18n();
  const members = useRpc('members.list', {});
  const [adding, setAdding] = useState(false);
  const [merging, setMerging] = useState(false);
  return (
    <Card
      size="small"
      extra={
        <Space>
          <Button onClick={() => setMerging(true)} data-testid="merge-member">{t('members.merge')}</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-member">{t('members.add')}</Button>
        </Space>
      }
    >
      {members.error ? <Alert type="error" showIcon message={members.error.message} /> : null}
      <Table
        size="small"
        rowKey="id"
        loading={members.loading}
        dataSource={members.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('members.none') }}
        columns={[
          { title: t('members.employer'), dataIndex: 'employer' },
          { title: t('members.category'), dataIndex: 'category', width: 120 },
          { title: t('members.joined'), dataIndex: 'joined', width: 110 },
          { title: t('members.left'), dataIndex: 'left', width: 110 },
          { title: t('members.contact'), width: 180, render: (_, r) => [r.contact, r.phone].filter(Boolean).join(' ') },
          { title: t('members.aliases'), dataIndex: 'aliases', render: (v: string[]) => v.join('、') },
        ]}
      />
      <AddMemberModal open={adding} onClose={() => (setAdding(false), members.reload())} />
      <MergeModal open={merging} onClose={() => (setMerging(false), members.reload())} />
    </Card>
  );
}

function AddMemberModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ employer: string; category: string; joined: string; contact?: string; phone?: string }>();
  const { busy, error, run } = useAction();
  const submit = async () => {
    const v = await form.validateFields();
    if (await run(() => rpc('members.add', v))) onClose();
  };
  return (
    <Modal open={open} title={t('members.add')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} destroyOnHidden>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ category: '会员单位' }}>
        <Form.Item name="employer" label={t('members.employer')} rules={[{ required: true }]}>
          <Input data-testid="member-employer" />
        </Form.Item>
        <Form.Item name="category" label={t('members.category')}>
          <Select options={MEMBER_CATEGORIES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="joined" label={t('members.joined')} rules={[{ required: true }]}>
          <DateField testId="member-joined" />
        </Form.Item>
        <Space>
          <Form.Item name="contact" label={t('members.contactName')}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('members.phone')}>
            <Input />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function MergeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ from: string; into: string }>();
  const { busy, error, run } = useAction();
  const submit = async () => {
    const v = await form.validateFields();
    const r = await run(() => rpc('members.merge', v));
    if (r) {
      message.success(t('members.merged', { from: r.from, into: r.into }));
      onClose();
    }
  };
  return (
    <Modal open={open} title={t('members.merge')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} destroyOnHidden>
      <p className="muted">{t('members.mergeHint')}</p>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="from" label={t('members.mergeFrom')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="into" label={t('members.mergeInto')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MemberReport() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const report = useRpc('members.report', { year }, /^\d{4}$/.test(year));
  const action = useAction();
  const feedback = usePdfDownload(() => rpc('members.feedback', { year }));
  const exportBook = () =>
    action.run(async () => {
      try {
        const file = await rpc('export.members', { year });
        if ('base64' in file) downloadFile(file, XLSX);
      } catch (e) {
        message.error(errorText(e), 8);
      }
    });
  const rows = [...(report.data?.members ?? []).map((m) => ({ key: m.employer, ...m })), ...(report.data?.totals ?? []).map((m) => ({ key: `∑${m.category}`, employer: m.category === '合计' ? t('members.total', { n: m.members }) : t('members.subtotal', { category: m.category, n: m.members }), ...m, category: '' }))];
  return (
    <Card
      size="small"
      title={
        <Space>
          {t('members.year')}
          <Input value={year} onChange={(e) => setYear(e.target.value.trim())} style={{ width: 90 }} data-testid="report-year" />
        </Space>
      }
      extra={
        <Space>
          <Button onClick={() => void exportBook()}>{t('members.exportWorkbook')}</Button>
          <Button loading={feedback.busy} onClick={() => void feedback.print()}>{t('members.feedback')}</Button>
        </Space>
      }
    >
      {report.error ? <Alert type="error" showIcon message={report.error.message} /> : null}
      <p className="muted">{t('members.reportNote')}</p>
      <Table
        size="small"
        rowKey="key"
        loading={report.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('members.none') }}
        columns={[
          { title: t('members.employer'), dataIndex: 'employer' },
          { title: t('members.category'), dataIndex: 'category', width: 110 },
          { title: t('figure.registered'), dataIndex: 'registered', width: 70, className: 'num' },
          { title: t('members.sat'), dataIndex: 'sat', width: 70, className: 'num' },
          { title: t('members.passed'), dataIndex: 'passed', width: 70, className: 'num' },
          { title: t('figure.passRate'), dataIndex: 'passRate', width: 80, className: 'num', render: (v: number | null) => formatRate(v) },
          { title: t('members.certificates'), dataIndex: 'certificates', width: 70, className: 'num' },
          { title: t('members.trainingHours'), dataIndex: 'trainingHours', width: 80, className: 'num' },
          { title: t('members.trainingCompletions'), dataIndex: 'trainingCompletions', width: 70, className: 'num' },
          { title: t('members.awards'), dataIndex: 'awards', width: 70, className: 'num' },
        ]}
      />
    </Card>
  );
}
