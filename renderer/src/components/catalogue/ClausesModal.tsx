// 申报条件 of one occupation × level in the window: the alternatives («具备以下条件之一者»), each
// with its conditions in words and its source; an administrator adds an alternative with its
// conditions or removes one (the audit log keeps its words). docs/eligibility.md.
import { useState } from 'react';
import { Alert, App, Button, Divider, Form, Input, InputNumber, List, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../i18n';
import { useRpc } from '../../useRpc';
import { rpc } from '../../rpc';
import { useAction } from '../../useAction';
import { levelLabel } from '../../labels';
import type { Condition } from '../../../../services/eligibility/evaluate';
import type { Occupation } from './CataloguePanel';
import { CONDITION_KINDS, describeCondition, EDUCATIONS, LEVELS, shortLevel } from './words';

interface ConditionRow {
  kind: Condition['kind'];
  level?: number;
  years?: number | null;
  related?: string;
  min?: string;
  text?: string;
}

interface ClauseForm {
  label: string;
  text: string;
  source?: string;
  conditions: ConditionRow[];
}

/** A form row as the contract's condition: only the fields its kind has. */
function toCondition(c: ConditionRow): Condition {
  switch (c.kind) {
    case 'certificate': {
      const related = (c.related ?? '').split(/[,，、\s]+/).filter(Boolean);
      return { kind: 'certificate', level: c.level!, years: c.years ?? 0, ...(related.length ? { related } : {}) };
    }
    case 'work':
      return { kind: 'work', years: c.years ?? 0 };
    case 'education':
      return { kind: 'education', min: c.min!, ...(c.years ? { years: c.years } : {}) };
    case 'training':
      return { kind: 'training', level: c.level! };
    case 'attested':
      return { kind: 'attested', text: (c.text ?? '').trim() };
  }
}

export function ClausesModal({ occupation: o, level, isAdmin, onClose }: { occupation: Occupation; level: number | null; isAdmin: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = useRpc('eligibility.clauses', { occupation: o.code, level: level ?? 0 }, level !== null);
  const [adding, setAdding] = useState(false);
  const act = useAction();
  const [form] = Form.useForm<ClauseForm>();
  const clauses = level !== null && list.data?.level === level ? list.data.clauses : [];

  const remove = (id: number) =>
    act.run(async () => {
      await rpc('eligibility.removeClause', { id });
      message.success(t('clause.removed'));
      list.reload();
    });
  const add = async () => {
    const v = await form.validateFields();
    await act.run(async () => {
      await rpc('eligibility.addClause', { occupation: o.code, level: level!, label: v.label, text: v.text, source: v.source, conditions: v.conditions.map(toCondition) });
      message.success(t('clause.added'));
      setAdding(false);
      list.reload();
    });
  };

  return (
    <Modal
      open={level !== null}
      title={level !== null ? t('clause.title', { name: o.name, level: levelLabel(t, level) }) : ''}
      onCancel={() => (setAdding(false), act.setError(null), onClose())}
      footer={<Button onClick={() => (setAdding(false), act.setError(null), onClose())}>{t('common.close')}</Button>}
      width={760}
      destroyOnHidden
    >
      {list.error ? <Alert type="warning" showIcon message={list.error.message} /> : null}
      {act.error ? <Alert type="error" showIcon message={act.error} style={{ marginBottom: 12 }} data-testid="clause-error" /> : null}
      <Typography.Paragraph className="muted">{clauses.length ? t('clause.intro') : t('clause.none')}</Typography.Paragraph>
      <List
        size="small"
        bordered
        dataSource={clauses}
        loading={list.loading}
        locale={{ emptyText: t('clause.empty') }}
        data-testid="clauses"
        renderItem={(c) => (
          <List.Item
            data-clause={c.label}
            actions={
              isAdmin
                ? [
                    <Popconfirm key="remove" title={t('clause.removeConfirm', { label: c.label })} okText={t('clause.remove')} cancelText={t('common.cancel')} onConfirm={() => remove(c.id)}>
                      <Button size="small" type="link" danger icon={<DeleteOutlined />}>
                        {t('clause.remove')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <span>
                  {c.label}
                  {c.text}
                </span>
              }
              description={
                <>
                  <div>{c.conditions.map((x) => describeCondition(t, x)).join(t('clause.and'))}</div>
                  {c.source ? <div className="muted">{t('clause.source', { source: c.source })}</div> : null}
                </>
              }
            />
          </List.Item>
        )}
      />
      {isAdmin && !adding ? (
        <Button style={{ marginTop: 12 }} icon={<PlusOutlined />} onClick={() => (form.resetFields(), setAdding(true))} data-testid="clause-add">
          {t('clause.add')}
        </Button>
      ) : null}
      {isAdmin && adding ? (
        <>
          <Divider style={{ margin: '16px 0 12px' }}>{t('clause.add')}</Divider>
          <Form form={form} layout="vertical" initialValues={{ label: `（${clauses.length + 1}）`, conditions: [{ kind: 'work', years: 1 }] }}>
            <Space align="start" style={{ display: 'flex' }}>
              <Form.Item name="label" label={t('clause.label')} rules={[{ required: true, message: t('clause.labelRequired') }]}>
                <Input style={{ width: 100 }} data-testid="clause-label" />
              </Form.Item>
              <Form.Item name="text" label={t('clause.text')} rules={[{ required: true, message: t('clause.textRequired') }]} style={{ width: 560 }}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="累计从事本职业或相关职业工作1年（含）以上。" data-testid="clause-text" />
              </Form.Item>
            </Space>
            <Form.List name="conditions">
              {(fields, { add: addRow, remove: removeRow }) => (
                <div>
                  <div style={{ fontWeight: 600 }}>{t('clause.conditions')}</div>
                  <Typography.Paragraph className="muted" style={{ marginBottom: 8 }}>
                    {t('clause.conditionsHint')}
                  </Typography.Paragraph>
                  {fields.map((field) => (
                    <ConditionFields key={field.key} name={field.name} onRemove={fields.length > 1 ? () => removeRow(field.name) : undefined} />
                  ))}
                  <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => addRow({ kind: 'work', years: 1 })} data-testid="condition-add">
                    {t('clause.addCondition')}
                  </Button>
                </div>
              )}
            </Form.List>
            <Form.Item name="source" label={t('clause.sourceLabel')} style={{ marginTop: 12 }} extra={t('clause.sourceHint')}>
              <Input data-testid="clause-source" />
            </Form.Item>
            <Space>
              <Button type="primary" loading={act.busy} onClick={add} data-testid="clause-save">
                {t('common.save')}
              </Button>
              <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
            </Space>
          </Form>
        </>
      ) : null}
    </Modal>
  );
}

/** One condition of the alternative being written: its kind, then the fields that kind has. */
function ConditionFields({ name, onRemove }: { name: number; onRemove?: () => void }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const kind = Form.useWatch(['conditions', name, 'kind'], form) as Condition['kind'] | undefined;
  const levelOptions = LEVELS.map((l) => ({ value: l, label: shortLevel(t, l) }));
  const years = (label: MessageKey, required: boolean) => (
    <Form.Item name={[name, 'years']} label={t(label)} rules={required ? [{ required: true, message: t('clause.yearsRequired') }] : []}>
      <InputNumber min={0} max={50} precision={0} style={{ width: 100 }} data-testid="condition-years" />
    </Form.Item>
  );
  return (
    <Space align="start" wrap style={{ display: 'flex', marginBottom: 4 }} data-testid="condition">
      <Form.Item name={[name, 'kind']} label={t('clause.kind')}>
        <Select style={{ width: 150 }} options={CONDITION_KINDS.map((k) => ({ value: k, label: t(`clause.kind.${k}` as MessageKey) }))} data-testid="condition-kind" />
      </Form.Item>
      {kind === 'certificate' ? (
        <>
          <Form.Item name={[name, 'level']} label={t('clause.certLevel')} rules={[{ required: true, message: t('clause.levelRequired') }]}>
            <Select style={{ width: 110 }} options={levelOptions} data-testid="condition-level" />
          </Form.Item>
          {years('clause.yearsAfter', true)}
          <Form.Item name={[name, 'related']} label={t('clause.related')}>
            <Input style={{ width: 200 }} placeholder="4-07-05-02" />
          </Form.Item>
        </>
      ) : null}
      {kind === 'work' ? years('clause.workYears', true) : null}
      {kind === 'education' ? (
        <>
          <Form.Item name={[name, 'min']} label={t('clause.education')} rules={[{ required: true, message: t('clause.educationRequired') }]}>
            <Select style={{ width: 110 }} options={EDUCATIONS.map((e) => ({ value: e, label: e }))} />
          </Form.Item>
          {years('clause.graduatedYears', false)}
        </>
      ) : null}
      {kind === 'training' ? (
        <Form.Item name={[name, 'level']} label={t('clause.trainingLevel')} rules={[{ required: true, message: t('clause.levelRequired') }]}>
          <Select style={{ width: 110 }} options={levelOptions} />
        </Form.Item>
      ) : null}
      {kind === 'attested' ? (
        <Form.Item name={[name, 'text']} label={t('clause.attestedText')} rules={[{ required: true, message: t('clause.attestedRequired') }]}>
          <Input style={{ width: 300 }} placeholder="军队及武警部队退役义务兵" />
        </Form.Item>
      ) : null}
      {onRemove ? (
        <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} style={{ marginTop: 30 }} aria-label={t('clause.removeCondition')} />
      ) : null}
    </Space>
  );
}
