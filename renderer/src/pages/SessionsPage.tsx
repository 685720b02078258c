// 认定批次: the list, and a new session made from the occupation catalog.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Form, Input, Modal, Row, Segmented, Select, Space, Table, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useRpc } from '../useRpc';
import { useLiveUpdates } from '../useLiveUpdates';
import { rpc } from '../rpc';
import { useAction } from '../useAction';
import { navigate } from '../router';
import { attemptLabel, formatRate, levelLabel, StatusTag } from '../labels';
import { DateField } from '../components/DateField';
import { ATTEMPTS, type Attempt } from '../../../services/vocabulary/words';

export function SessionsPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<'all' | 'open' | 'finalized'>('all');
  const sessions = useRpc('sessions.list', status === 'all' ? {} : { status });
  // A session created, enrolled or finalized at another desk.
  useLiveUpdates((e) => e.sessionId !== undefined, sessions.reload);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        setCreating(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="page">
      <div className="page-head">
        <h2>{t('nav.sessions')}</h2>
        <Space>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[
              { value: 'all', label: t('sessions.filterAll') },
              { value: 'open', label: t('status.open') },
              { value: 'finalized', label: t('status.finalized') },
            ]}
          />
          <Tooltip title={t('sessions.newTooltip')}>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-session">
              {t('sessions.new')}
            </Button>
          </Tooltip>
        </Space>
      </div>
      {sessions.error ? <Alert type="error" showIcon message={sessions.error.message} style={{ marginBottom: 12 }} /> : null}
      <Card size="small">
        {sessions.data && sessions.data.length === 0 && status === 'all' ? (
          <Empty className="empty-box" description={t('home.emptySessions')}>
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('sessions.new')}
            </Button>
          </Empty>
        ) : (
        <Table
          size="small"
          rowKey="id"
          loading={sessions.loading}
          dataSource={sessions.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(r) => ({ onDoubleClick: () => navigate({ page: 'session', id: r.id }) })}
          columns={[
            {
              title: t('session.name'),
              dataIndex: 'name',
              ellipsis: true,
              render: (v, r) => (
                <a href={`#/sessions/${r.id}`} data-session-link={r.id}>
                  {v}
                </a>
              ),
            },
            { title: t('session.level'), dataIndex: 'level', width: 120, render: (v) => levelLabel(t, v) },
            { title: t('session.attempt'), dataIndex: 'attempt', width: 96, render: (v) => attemptLabel(t, v) },
            { title: t('session.date'), dataIndex: 'examDate', width: 110 },
            { title: t('session.status'), dataIndex: 'status', width: 90, render: (v) => <StatusTag t={t} status={v} /> },
            { title: t('figure.registered'), width: 70, className: 'num', render: (_, r) => r.summary.registered },
            { title: t('figure.pending'), width: 70, className: 'num', render: (_, r) => r.summary.pending },
            { title: t('figure.passRate'), width: 80, className: 'num', render: (_, r) => formatRate(r.summary.passRate) },
          ]}
        />
        )}
      </Card>
      <NewSessionModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

interface NewSession {
  occupation: string;
  specialty?: string;
  level: number;
  attempt: Attempt;
  date: string;
  endDate?: string;
  venue?: string;
  name?: string;
}

export function NewSessionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewSession>();
  const catalog = useRpc('occupations.list', {}, open);
  const { busy: saving, error, setError, run } = useAction();
  const code = Form.useWatch('occupation', form);
  const occupation = catalog.data?.find((o) => o.code === code);

  useEffect(() => {
    if (open) {
      setError(null);
      form.resetFields();
      form.setFieldsValue({ attempt: 'first', date: new Date().toISOString().slice(0, 10) });
    }
  }, [open, form]);

  const save = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const s = await rpc('sessions.create', { ...v, specialty: v.specialty || null, venue: v.venue || null, endDate: v.endDate || null, name: v.name || undefined });
      onClose();
      navigate({ page: 'session', id: s.id });
    });
  };

  return (
    <Modal open={open} title={t('sessions.newTitle')} okText={t('sessions.create')} cancelText={t('common.cancel')} onOk={save} onCancel={onClose} confirmLoading={saving} width={680}>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="form-error" /> : null}
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="occupation" label={t('session.occupation')} rules={[{ required: true, message: t('sessions.occupationRequired') }]}>
          <Select
            showSearch
            autoFocus
            data-testid="occupation-select"
            placeholder={t('sessions.occupationPlaceholder')}
            // By name, code, or pinyin initials (物业管理师: wygls), as candidates are found.
            filterOption={(input, option) => {
              const q = input.trim().toLowerCase();
              return !!option && (option.label.toLowerCase().includes(q) || option.initials.includes(q.replace(/\s+/g, '')));
            }}
            loading={catalog.loading}
            options={(catalog.data ?? []).map((o) => ({ value: o.code, label: `${o.code} ${o.name}`, initials: o.initials }))}
            onChange={() => form.setFieldsValue({ level: undefined, specialty: undefined })}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="level" label={t('session.level')} rules={[{ required: true, message: t('sessions.levelRequired') }]}>
              <Select
                data-testid="level-select"
                disabled={!occupation}
                options={(occupation?.levels ?? []).map((l) => ({ value: l.level, label: `${levelLabel(t, l.level)}（${l.parts.map((p) => p.label).join('、')}）` }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="specialty" label={t('session.specialty')} extra={occupation && occupation.specialties.length === 0 ? t('sessions.noSpecialty') : undefined}>
              <Select allowClear disabled={!occupation || occupation.specialties.length === 0} options={(occupation?.specialties ?? []).map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="attempt" label={t('session.attempt')}>
              <Segmented block options={ATTEMPTS.map((a) => ({ value: a, label: attemptLabel(t, a) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="date" label={t('session.date')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('sessions.dateFormat') }]}>
              <DateField testId="session-date" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="endDate" label={t('session.endDate')}>
              <DateField />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="venue" label={t('session.venue')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="name" label={t('session.name')} extra={t('sessions.nameHint')}>
          <Input maxLength={120} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
