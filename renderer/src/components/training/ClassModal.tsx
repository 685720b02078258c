// 新建培训班 and 编辑培训班 in one form: a class is edited with the same items it was created
// with, prefilled, until 结业定稿 (docs/training.md § 修改和删除).
import { useEffect } from 'react';
import { Alert, Col, Form, Input, InputNumber, Modal, Row, Select, Switch, type ButtonProps } from 'antd';
import { useI18n } from '../../i18n';
import { useRpc } from '../../useRpc';
import { rpc, type OpResult } from '../../rpc';
import { useAction } from '../../useAction';
import { levelLabel } from '../../labels';
import { DateField } from '../DateField';

type TrainingClass = OpResult<'training.get'>;

interface ClassForm {
  name: string;
  from: string;
  to: string;
  hours?: number | null;
  occupation?: string | null;
  level?: number | null;
  place?: string;
  online?: boolean;
  teachers?: string;
  organiser?: string;
  minAttendance?: number | null;
  minHours?: number | null;
  examPassMark?: number | null;
}

function valuesOf(c: TrainingClass): ClassForm {
  return {
    name: c.name,
    from: c.from,
    to: c.to,
    hours: c.plannedHours,
    occupation: c.occupation?.code ?? null,
    level: c.level,
    place: c.place ?? '',
    online: c.online,
    teachers: c.teachers ?? '',
    organiser: c.organiser ?? '',
    minAttendance: c.rule.minAttendancePercent,
    minHours: c.rule.minHours,
    examPassMark: c.rule.examPassMark,
  };
}

/** `editing` absent: a new class; present: that class, prefilled. */
export function ClassModal({ open, editing, onClose, onSaved }: { open: boolean; editing?: TrainingClass; onClose: () => void; onSaved: (c: TrainingClass) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ClassForm>();
  const catalog = useRpc('occupations.list', {}, open);
  const { busy, error, setError, run } = useAction();
  const code = Form.useWatch('occupation', form);
  const occupation = catalog.data?.find((o) => o.code === code);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(editing ? valuesOf(editing) : { minAttendance: 80, online: false });
  }, [open, editing, form, setError]);

  const submit = async () => {
    const v = await form.validateFields();
    // Every item is sent, a cleared one as null, so an edit can empty what the officer emptied.
    const args = {
      name: v.name,
      from: v.from,
      to: v.to,
      hours: v.hours ?? null,
      occupation: v.occupation || null,
      level: v.level ?? null,
      place: v.place?.trim() || null,
      online: !!v.online,
      teachers: v.teachers?.trim() || null,
      organiser: v.organiser?.trim() || null,
      minAttendance: v.minAttendance ?? null,
      minHours: v.minHours ?? null,
      examPassMark: v.examPassMark ?? null,
    };
    const saved = await run(() => (editing ? rpc('training.update', { classId: editing.id, ...args }) : rpc('training.create', args)));
    if (saved) onSaved(saved);
  };

  return (
    <Modal
      open={open}
      width={680}
      title={editing ? t('training.editTitle') : t('training.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={editing ? t('training.save') : t('training.create')}
      okButtonProps={{ 'data-testid': 'class-save' } as ButtonProps}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="class-error" /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('training.name')} rules={[{ required: true, message: t('training.nameRequired') }]}>
          <Input data-testid="class-name" placeholder={t('training.namePlaceholder')} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="from" label={t('training.from')} rules={[{ required: true }]}>
              <DateField testId="class-from" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="to" label={t('training.to')} rules={[{ required: true }]}>
              <DateField testId="class-to" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="hours" label={t('training.plannedHours')}>
              <InputNumber min={0} step={1} style={{ width: '100%' }} data-testid="class-hours" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="occupation" label={t('training.prepares')} extra={t('training.preparesHint')}>
              <Select
                showSearch
                allowClear
                optionFilterProp="label"
                loading={catalog.loading}
                options={(catalog.data ?? []).map((o) => ({ value: o.code, label: `${o.code} ${o.name}` }))}
                onChange={() => form.setFieldsValue({ level: null })}
                data-testid="class-occupation"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="level" label={t('session.level')}>
              <Select allowClear disabled={!occupation} options={(occupation?.levels ?? []).map((l) => ({ value: l.level, label: levelLabel(t, l.level) }))} data-testid="class-level" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="place" label={t('training.place')}>
              <Input data-testid="class-place" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="online" label={t('training.online')} valuePropName="checked">
              <Switch data-testid="class-online" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="teachers" label={t('training.teachers')}>
              <Input data-testid="class-teachers" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="organiser" label={t('training.organiser')} extra={t('training.organiserHint')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="minAttendance" label={t('training.minAttendance')}>
              <InputNumber min={0} max={100} addonAfter="%" style={{ width: '100%' }} data-testid="class-min-attendance" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="minHours" label={t('training.minHours')}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid="class-min-hours" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="examPassMark" label={t('training.examPass')}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} data-testid="class-exam-pass" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
